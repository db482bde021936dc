using WeekendCulturel.Generator.Rendering;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Loading;

/// <summary>
/// What the readers of Markdown items share: a body rendered to HTML with its internal links collected for
/// the validator, and French typography on the French texts.
/// </summary>
internal sealed class ItemText(MarkdownRenderer markdown)
{
    public string Body(SourceDocument document, Lang lang, Action<InternalLink> addLink)
    {
        var rendered = markdown.Render(document.Body, document.Path, document.BodyLine, lang);
        foreach (var link in rendered.Links)
        {
            addLink(link);
        }

        return rendered.Html;
    }

    /// <summary>
    /// The English texts of an item, read from its translation, or null when it has none. The keys only the
    /// French file may hold are reported where the translation writes them, pointing at the French file.
    /// </summary>
    public static T? Translation<T>(SourceDocument fr, SourceDocument? en, IEnumerable<string> frenchOnly, Func<SourceDocument, YamlObject, T?> read)
        where T : class
    {
        if (en?.FrontMatter is not { } ey)
        {
            return null;
        }

        ey.BelongsElsewhere(frenchOnly, $"the French file {fr.Path}");
        var text = read(en, ey);
        ey.Complete();
        return text;
    }

    public static string Typeset(string text, Lang lang) => lang == Lang.Fr ? FrenchTypography.Apply(text) : text;

    public static LocalizedText TypesetFrench(LocalizedText text) => text with { Fr = FrenchTypography.Apply(text.Fr) };
}
