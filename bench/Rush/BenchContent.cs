using System.Text.RegularExpressions;

namespace WeekendCulturel.Bench.Rush;

/// <summary>
/// A copy of the repository's content in which one session has exactly <see cref="Seats"/> seats and a
/// waiting list: the session the rush fights over. The copy lives in the run's own folder, next to the
/// registration data of that run, so every run starts from an empty session.
/// </summary>
public static partial class BenchContent
{
    public const string RushSession = "atelier-nouveaux-metiers";
    public const int Seats = 30;

    /// <summary>Copies <c>content/</c> to <paramref name="target"/> and gives the rush session its 30 seats.</summary>
    public static void Prepare(string repository, string target)
    {
        var source = Path.Combine(repository, "content");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var session = Path.Combine(target, "sessions", RushSession + ".md");
        var text = File.ReadAllText(session);
        var changed = RegistrationLine().Replace(text, $"registration: {{ capacity: {Seats}, waitlist: true }}", 1);
        if (changed == text && !text.Contains($"capacity: {Seats}, waitlist: true", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{session} has no 'registration:' line to give {Seats} seats");
        }

        File.WriteAllText(session, changed);
    }

    [GeneratedRegex(@"^registration:.*$", RegexOptions.Multiline)]
    private static partial Regex RegistrationLine();
}
