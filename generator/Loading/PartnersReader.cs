using WeekendCulturel.Generator.Diagnostics;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Loading;

/// <summary>Reads <c>partners.yml</c>, which may be absent (no partners): four lists of partners by role.</summary>
internal static class PartnersReader
{
    public static Partners? Read(string path, string displayPath, DiagnosticBag diagnostics)
    {
        if (!File.Exists(path))
        {
            return new Partners([], [], [], []);
        }

        var y = SourceDocument.ParseYaml(SourceDocument.ReadText(path, displayPath, diagnostics), displayPath, 0, diagnostics);
        if (y is null)
        {
            return null;
        }

        var partners = new Partners(ReadList(y, "support"), ReadList(y, "patrons"), ReadList(y, "contributors"), ReadList(y, "media"));
        y.Complete();
        return partners;
    }

    private static List<Partner> ReadList(YamlObject y, string key)
    {
        var list = new List<Partner>();
        foreach (var p in y.ObjectList(key))
        {
            var id = p.String("id", required: true);
            var name = p.Localized("name", required: true);
            var url = p.String("url");
            var description = p.Localized("description", required: true);
            p.Complete();
            if (id is not null && name is not null && description is not null)
            {
                list.Add(new Partner(id, ItemText.TypesetFrench(name), url, ItemText.TypesetFrench(description)));
            }
        }

        return list;
    }
}
