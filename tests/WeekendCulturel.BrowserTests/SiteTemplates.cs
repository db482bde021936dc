using Microsoft.AspNetCore.Components;
using WeekendCulturel.Generator;
using WeekendCulturel.Generator.Assets;
using WeekendCulturel.Generator.Rendering;
using WeekendCulturel.Theme.Model;
using WeekendCulturel.Theme.Pages;

namespace WeekendCulturel.BrowserTests;

/// <summary>
/// The built site's pages by template, a template being the theme's page component that rendered them. The
/// pages carry no mark of their template, so the generator's own planner says which component made each
/// address; the checks that run in every display take one page of each template from here.
/// </summary>
public sealed class SiteTemplates
{
    private SiteTemplates(IReadOnlyDictionary<string, IReadOnlyList<string>> pages, IReadOnlyDictionary<string, string> representatives)
    {
        Pages = pages;
        Representatives = representatives;
    }

    /// <summary>The page components of the theme (<c>theme/Pages/</c>), by name.</summary>
    public static IReadOnlyList<string> OfTheme { get; } =
        [.. typeof(HomePage).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(HomePage).Namespace && typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)];

    /// <summary>Every template that made a page of the output, with the addresses of its pages.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Pages { get; }

    /// <summary>
    /// One page per template: its largest, whose content puts the most of the template's parts in front of
    /// the checks.
    /// </summary>
    public IReadOnlyDictionary<string, string> Representatives { get; }

    public static SiteTemplates Of(BuildResult build, string output, DateTimeOffset now)
    {
        var content = build.Content ?? throw new InvalidOperationException("the build has no content");
        var planned = SitePlanner.Plan(new RenderContext(content, AssetBundler.Placeholders, now, content.Site.BaseUrl))
            .Where(p => File.Exists(Path.Combine(output, p.OutputFile)))
            .ToList();
        var pages = planned
            .GroupBy(p => p.Component.Name)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(p => p.Path).Order(StringComparer.Ordinal)]);
        var representatives = planned
            .GroupBy(p => p.Component.Name)
            .ToDictionary(
                g => g.Key,
                g => g.OrderByDescending(p => new FileInfo(Path.Combine(output, p.OutputFile)).Length).ThenBy(p => p.Path, StringComparer.Ordinal).First().Path);
        return new SiteTemplates(pages, representatives);
    }
}
