using System.Globalization;
using System.Text;

namespace WeekendCulturel.Bench.ContentMaker;

/// <summary>
/// Writes the same event as plain Markdown pages for the Hugo and Eleventy sites: one file per language
/// (<c>id.md</c> in French, <c>id.en.md</c> in English, Hugo's naming), each with the whole front matter, so
/// that neither template has to look into the other language's file. Speaker and venue names are repeated
/// in the sessions, which both generators would otherwise look up.
/// </summary>
public sealed class CommonContentWriter(SyntheticEvent plan)
{
    public void Write(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        EventFiles.Write(plan, directory, Venue, Speaker, Session);
    }

    private static string Q(string text) => EventFiles.Quote(text);

    private static string Session(SyntheticSession s, string lang)
    {
        var y = new StringBuilder("---\n");
        y.Append("id: ").Append(s.Id).Append('\n');
        y.Append("lang: ").Append(lang).Append('\n');
        y.Append("title: ").Append(Q(s.Title.In(lang))).Append('\n');
        y.Append("kind: ").Append(s.Kind).Append('\n');
        y.Append("audience: ").Append(s.Audience).Append('\n');
        y.Append("venue: ").Append(s.Venue.Id).Append('\n');
        y.Append("venueName: ").Append(Q(s.Venue.Name.In(lang))).Append('\n');
        y.Append("room: ").Append(Q((lang == "fr" ? "Salle " : "Room ") + s.Room.ToString(CultureInfo.InvariantCulture))).Append('\n');
        y.Append("start: ").Append(s.Start.ToString("yyyy-MM-dd'T'HH:mm:ss'+01:00'", CultureInfo.InvariantCulture)).Append('\n');
        y.Append("end: ").Append(s.End.ToString("yyyy-MM-dd'T'HH:mm:ss'+01:00'", CultureInfo.InvariantCulture)).Append('\n');
        y.Append("speakers:\n");
        foreach (var p in s.Speakers)
        {
            y.Append("  - { id: ").Append(p.Id).Append(", name: ").Append(Q(p.Name)).Append(" }\n");
        }

        y.Append("summary: ").Append(Q(s.Summary.In(lang))).Append('\n');
        y.Append("tags: [").AppendJoin(", ", s.Tags.Select(t => Q(t.In(lang)))).Append("]\n");
        y.Append("capacity: ").Append(s.Capacity).Append('\n');
        return y.Append("---\n").Append(s.Body.In(lang)).Append('\n').ToString();
    }

    private static string Speaker(SyntheticSpeaker p, string lang) =>
        $"---\nid: {p.Id}\nlang: {lang}\nname: {Q(p.Name)}\nrole: {Q(p.Role.In(lang))}\norganisation: {Q(p.Organisation)}\n---\n{p.Body.In(lang)}\n";

    private static string Venue(SyntheticVenue v, string lang)
    {
        var y = new StringBuilder("---\n");
        y.Append("id: ").Append(v.Id).Append('\n');
        y.Append("lang: ").Append(lang).Append('\n');
        y.Append("title: ").Append(Q(v.Name.In(lang))).Append('\n');
        y.Append("street: ").Append(Q(v.Street)).Append('\n');
        y.Append("postalCode: \"").Append(v.PostalCode).Append("\"\n");
        y.Append("hours: ").Append(Q(v.Hours.In(lang))).Append('\n');
        y.Append("access:\n");
        foreach (var line in v.Access)
        {
            y.Append("  - ").Append(Q(line.In(lang))).Append('\n');
        }

        return y.Append("---\n").Append(v.Body.In(lang)).Append('\n').ToString();
    }
}
