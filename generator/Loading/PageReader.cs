using WeekendCulturel.Generator.Rendering;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Loading;

/// <summary>Reads a free page (<c>pages/id.md</c> and its translation, which may choose its own English slug).</summary>
internal sealed class PageReader(ItemText text)
{
    public ContentPage? Read(SourceDocument fr, SourceDocument? en, Action<InternalLink> addLink)
    {
        if (fr.FrontMatter is not { } y)
        {
            return null;
        }

        var frText = ReadText(fr, y, Lang.Fr, addLink);
        y.Complete();
        var enText = ItemText.Translation(fr, en, [], (document, ey) => ReadText(document, ey, Lang.En, addLink));

        return frText is null ? null : new ContentPage(fr.Id, new Translated<PageText>(frText, enText));
    }

    private PageText? ReadText(SourceDocument document, YamlObject y, Lang lang, Action<InternalLink> addLink)
    {
        var title = y.String("title", required: true);
        var description = y.String("description", required: true, maxLength: 300);
        var slug = lang == Lang.En ? y.String("slug") : null;
        if (slug is not null && !ContentLoader.IdPattern().IsMatch(slug))
        {
            var (line, column) = y.PositionOf("slug");
            y.Diagnostics.Error(document.Path, line, column, $"'slug' must be lower-case letters, digits and hyphens, not '{slug}'");
            slug = null;
        }

        var body = text.Body(document, lang, addLink);
        return title is null || description is null
            ? null
            : new PageText(ItemText.Typeset(title, lang), ItemText.Typeset(description, lang), slug ?? document.Id, body);
    }
}
