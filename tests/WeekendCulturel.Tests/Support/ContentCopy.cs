using WeekendCulturel.Generator;
using WeekendCulturel.Generator.Assets;

namespace WeekendCulturel.Tests.Support;

/// <summary>
/// A private copy of the real content in a temporary folder, which a test edits to make one mistake and
/// then builds or checks: every validation test starts from content that is known to be right.
/// </summary>
public sealed class ContentCopy : IDisposable
{
    public static readonly DateTimeOffset BeforeOpening = DateTimeOffset.Parse("2025-01-10T10:00:00+01:00");
    public static readonly DateTimeOffset RegistrationOpen = DateTimeOffset.Parse("2025-02-01T10:00:00+01:00");
    public static readonly DateTimeOffset SaturdayNoon = DateTimeOffset.Parse("2025-02-08T12:00:00+01:00");

    public ContentCopy()
    {
        Root = Path.Combine(Path.GetTempPath(), "wc-tests", Guid.NewGuid().ToString("N"));
        Content = Path.Combine(Root, "content");
        Output = Path.Combine(Root, "_site");
        Copy(Repository.Content, Content);
    }

    public string Root { get; }

    public string Content { get; }

    public string Output { get; }

    public string PathOf(string relative) => Path.Combine(Content, relative);

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), text);
    }

    /// <summary>Replaces one exact piece of a file, failing loudly if the piece is not there.</summary>
    public void Replace(string relative, string from, string to)
    {
        var text = Read(relative);
        if (!text.Contains(from, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{from}' not found in {relative}");
        }

        Write(relative, text.Replace(from, to, StringComparison.Ordinal));
    }

    public void Delete(string relative) => File.Delete(PathOf(relative));

    /// <summary>The line (1-based) of the first occurrence of a text in a file, to state expected positions.</summary>
    public int LineOf(string relative, string text)
    {
        var lines = File.ReadAllLines(PathOf(relative));
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        return index < 0 ? throw new InvalidOperationException($"'{text}' not in {relative}") : index + 1;
    }

    /// <summary>Options for a build of the copy; diagnostics show paths from its root (<c>content/...</c>), as the command line run there would.</summary>
    public BuildOptions Options(DateTimeOffset? now = null) => new(Content, Output, null, now ?? RegistrationOpen, Root);

    public BuildResult Check(DateTimeOffset? now = null)
    {
        using var builder = new SiteBuilder(ThemeFiles.Default());
        return builder.Check(Options(now));
    }

    public BuildResult Build(DateTimeOffset? now = null)
    {
        using var builder = new SiteBuilder(ThemeFiles.Default());
        return builder.Build(Options(now));
    }

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
