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

    public static string Typeset(string text, Lang lang) => lang == Lang.Fr ? FrenchTypography.Apply(text) : text;

    public static LocalizedText TypesetFrench(LocalizedText text) => text with { Fr = FrenchTypography.Apply(text.Fr) };
}
