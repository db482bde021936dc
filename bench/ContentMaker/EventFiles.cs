using System.Text;

namespace WeekendCulturel.Bench.ContentMaker;

/// <summary>Writes an event as pairs of files, <c>id.md</c> in French and <c>id.en.md</c> in English, per folder.</summary>
public static class EventFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(
        SyntheticEvent plan,
        string directory,
        Func<SyntheticVenue, string, string> venue,
        Func<SyntheticSpeaker, string, string> speaker,
        Func<SyntheticSession, string, string> session)
    {
        foreach (var name in new[] { "sessions", "speakers", "venues" })
        {
            Directory.CreateDirectory(Path.Combine(directory, name));
        }

        foreach (var v in plan.Venues)
        {
            Pair(directory, "venues", v.Id, lang => venue(v, lang));
        }

        foreach (var p in plan.Speakers)
        {
            Pair(directory, "speakers", p.Id, lang => speaker(p, lang));
        }

        // Sessions are most of the files: written in parallel.
        Parallel.ForEach(plan.Sessions, s => Pair(directory, "sessions", s.Id, lang => session(s, lang)));
    }

    /// <summary>A YAML double-quoted string.</summary>
    public static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static void Pair(string directory, string folder, string id, Func<string, string> text)
    {
        File.WriteAllText(Path.Combine(directory, folder, id + ".md"), text("fr"), Utf8);
        File.WriteAllText(Path.Combine(directory, folder, id + ".en.md"), text("en"), Utf8);
    }
}
