using System.Globalization;
using System.Text;

namespace WeekendCulturel.Bench.ContentMaker;

/// <summary>
/// Writes the synthetic event in our content format. The site-wide files (site.yml, partners, pages, press)
/// are the real ones, copied, so the synthetic site has every page the real one has.
/// </summary>
public sealed class OurContentWriter(SyntheticEvent plan, string realContent)
{
    public void Write(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        foreach (var file in Directory.GetFiles(realContent, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(realContent, file);
            var folder = relative.Split(Path.DirectorySeparatorChar)[0];
            if (folder is "sessions" or "speakers" or "venues")
            {
                continue;
            }

            var target = Path.Combine(directory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        EventFiles.Write(plan, directory, Venue, Speaker, Session);
    }

    private static string Session(SyntheticSession s, string lang)
    {
        var y = new StringBuilder("---\n# sources: synthetic content made by bench/ContentMaker\n");
        y.Append("title: ").Append(EventFiles.Quote(s.Title.In(lang))).Append('\n');
        if (lang == "fr")
        {
            y.Append("kind: ").Append(s.Kind).Append('\n');
            y.Append("venue: ").Append(s.Venue.Id).Append('\n');
        }

        y.Append("room: ").Append(EventFiles.Quote((lang == "fr" ? "Salle " : "Room ") + s.Room.ToString(CultureInfo.InvariantCulture))).Append('\n');
        if (lang == "fr")
        {
            y.Append("start: ").Append(s.Start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)).Append('\n');
            y.Append("end: ").Append(s.End.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)).Append('\n');
            if (s.Speakers.Count > 0)
            {
                y.Append("speakers: [").AppendJoin(", ", s.Speakers.Select(p => p.Id)).Append("]\n");
            }

            y.Append("audience: ").Append(s.Audience).Append('\n');
        }

        y.Append("summary: ").Append(EventFiles.Quote(s.Summary.In(lang))).Append('\n');
        y.Append("tags: [").AppendJoin(", ", s.Tags.Select(t => EventFiles.Quote(t.In(lang)))).Append("]\n");
        if (lang == "fr")
        {
            y.Append("registration: { capacity: ").Append(s.Capacity).Append(", waitlist: true }\n");
        }

        return y.Append("---\n").Append(s.Body.In(lang)).Append('\n').ToString();
    }

    private static string Speaker(SyntheticSpeaker p, string lang)
    {
        var y = new StringBuilder("---\n# sources: synthetic content made by bench/ContentMaker\n");
        if (lang == "fr")
        {
            y.Append("name: ").Append(EventFiles.Quote(p.Name)).Append('\n');
        }

        y.Append("role: ").Append(EventFiles.Quote(p.Role.In(lang))).Append('\n');
        y.Append("organisation: ").Append(EventFiles.Quote(p.Organisation)).Append('\n');
        return y.Append("---\n").Append(p.Body.In(lang)).Append('\n').ToString();
    }

    private static string Venue(SyntheticVenue v, string lang)
    {
        var y = new StringBuilder("---\n# sources: synthetic content made by bench/ContentMaker\n");
        y.Append("name: ").Append(EventFiles.Quote(v.Name.In(lang))).Append('\n');
        if (lang == "fr")
        {
            y.Append("address: { street: ").Append(EventFiles.Quote(v.Street)).Append(", postalCode: \"").Append(v.PostalCode).Append("\", city: Paris }\n");
            y.Append(CultureInfo.InvariantCulture, $"geo: {{ lat: {v.Lat:0.0000}, lon: {v.Lon:0.0000} }}\n");
        }

        y.Append("access:\n");
        foreach (var line in v.Access)
        {
            y.Append("  - ").Append(EventFiles.Quote(line.In(lang))).Append('\n');
        }

        y.Append("accessibility:\n  - ").Append(EventFiles.Quote(lang == "fr" ? "Toutes les salles sont accessibles en fauteuil roulant." : "Every room is wheelchair accessible.")).Append('\n');
        y.Append("hours: ").Append(EventFiles.Quote(v.Hours.In(lang))).Append('\n');
        return y.Append("---\n").Append(v.Body.In(lang)).Append('\n').ToString();
    }
}
