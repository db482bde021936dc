using WeekendCulturel.Generator.Rendering;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Loading;

/// <summary>
/// Reads a press item (<c>press/id.md</c> and its translation): its date and kind, an outside address or an
/// attachment that must be in <c>press/files/</c>.
/// </summary>
internal sealed class PressReader(ItemText text, string contentDirectory)
{
    private static readonly Dictionary<string, PressKind> Kinds = new()
    {
        ["communique"] = PressKind.Communique,
        ["dossier"] = PressKind.Dossier,
        ["article"] = PressKind.Article,
    };

    private static readonly string[] FrenchOnly = ["date", "kind", "url", "attachment"];

    public PressItem? Read(SourceDocument fr, SourceDocument? en, Action<InternalLink> addLink)
    {
        if (fr.FrontMatter is not { } y)
        {
            return null;
        }

        var frText = ReadText(fr, y, Lang.Fr, addLink);
        var date = y.Date("date", required: true);
        var kind = y.Choice("kind", Kinds, required: true);
        var url = y.String("url");
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            var (line, column) = y.PositionOf("url");
            y.Diagnostics.Error(fr.Path, line, column, $"'url' must be an absolute address like https://www.culture.gouv.fr/..., not '{url}'");
        }

        var attachment = y.String("attachment");
        if (attachment is not null && !File.Exists(Path.Combine(contentDirectory, "press", "files", attachment)))
        {
            var (line, column) = y.PositionOf("attachment");
            y.Diagnostics.Error(fr.Path, line, column, $"the attachment '{attachment}' is not in content/press/files/");
        }

        y.Complete();
        var enText = ItemText.Translation(fr, en, FrenchOnly, (document, ey) => ReadText(document, ey, Lang.En, addLink));

        return frText is null || date is null || kind is null ? null : new PressItem(fr.Id, new Translated<PressText>(frText, enText), date.Value, kind.Value, url, attachment);
    }

    private PressText? ReadText(SourceDocument document, YamlObject y, Lang lang, Action<InternalLink> addLink)
    {
        var title = y.String("title", required: true);
        var summary = y.String("summary", required: true);
        var body = text.Body(document, lang, addLink);
        return title is null || summary is null ? null : new PressText(ItemText.Typeset(title, lang), ItemText.Typeset(summary, lang), body);
    }
}
