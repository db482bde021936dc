using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Rendering;

/// <summary>A link from a body to an address of the site, kept to check that the page exists.</summary>
public sealed record InternalLink(string Path, int Line, int Column, string Url, Lang Lang);

public sealed record RenderedMarkdown(string Html, IReadOnlyList<InternalLink> Links);

/// <summary>Turns the Markdown bodies of content files into HTML with one pipeline built once.</summary>
public sealed class MarkdownRenderer
{
    // Built once and shared: a Markdig pipeline is immutable and thread-safe once built.
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseAutoLinks()
        .UsePreciseSourceLocation()
        .Build();

    public RenderedMarkdown Render(string markdown, string path, int bodyLine, Lang lang)
    {
        var document = Markdown.Parse(markdown, _pipeline);
        var links = new List<InternalLink>();
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case LiteralInline literal when lang == Lang.Fr:
                    var original = literal.Content.ToString();
                    var typeset = FrenchTypography.Apply(original);
                    if (!ReferenceEquals(original, typeset))
                    {
                        literal.Content = new Markdig.Helpers.StringSlice(typeset);
                    }

                    break;
                case LinkInline { Url: { } url } link when url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal):
                    links.Add(new InternalLink(path, link.Line + bodyLine, link.Column + 1, url, lang));
                    break;
                case LinkInline { Url: { } url } link when IsExternal(url):
                    // External links open where the reader is; only the DSFR icon says they leave the site.
                    link.GetAttributes().AddProperty("rel", "noopener");
                    break;
                case Markdig.Extensions.Tables.Table table:
                    table.GetAttributes().AddClass("fr-table__table");
                    break;
            }
        }

        // Setting up an HTML renderer registers a few dozen object renderers: one per thread is kept and reused.
        var (writer, renderer) = _renderers.Value!;
        writer.GetStringBuilder().Clear();
        renderer.Render(document);
        return new RenderedMarkdown(writer.ToString(), links);
    }

    private readonly ThreadLocal<(StringWriter Writer, HtmlRenderer Renderer)> _renderers;

    public MarkdownRenderer()
    {
        _renderers = new(() =>
        {
            var writer = new StringWriter();
            var renderer = new HtmlRenderer(writer);
            _pipeline.Setup(renderer);
            return (writer, renderer);
        });
    }

    private static bool IsExternal(string url) =>
        url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal);
}
