using System.Text.RegularExpressions;
using WeekendCulturel.Generator.Assets;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>
/// A misspelt DSFR class styles nothing and fails silently (an icon button drawn as a plain square): every
/// <c>fr-</c> class the site uses must be one the DSFR defines, in its stylesheets or its reference markup,
/// or one the site's own stylesheet defines.
/// </summary>
public sealed partial class DsfrClassTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    [Fact]
    public void Every_dsfr_class_the_pages_use_exists_in_the_dsfr_or_the_site_stylesheet()
    {
        var theme = ThemeFiles.Default();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var css in new[] { Path.Combine(theme.DsfrDist, "dsfr.css"), Path.Combine(theme.DsfrDist, "utility", "utility.css"), theme.SiteCss })
        {
            known.UnionWith(CssClass().Matches(File.ReadAllText(css)).Select(m => m.Groups[1].Value));
        }

        // Some DSFR classes only name a part of a component for its markup (fr-footer__content-item) and have
        // no rule of their own: the DSFR's example pages are its reference markup.
        var examples = Path.GetFullPath(Path.Combine(theme.DsfrDist, "..", "example"));
        Assert.True(Directory.Exists(examples), $"{examples} is missing");
        foreach (var example in Directory.GetFiles(examples, "*.html", SearchOption.AllDirectories))
        {
            known.UnionWith(ClassAttribute().Matches(File.ReadAllText(example)).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }

        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var page in site.HtmlPages)
        {
            foreach (var name in site.Document(page).QuerySelectorAll("[class]").SelectMany(e => e.ClassList).Where(c => c.StartsWith("fr-", StringComparison.Ordinal)))
            {
                used.TryAdd(name, page);
            }
        }

        foreach (var line in File.ReadAllLines(theme.DynamicClasses).Where(l => l.StartsWith("fr-", StringComparison.Ordinal)))
        {
            used.TryAdd(line.Trim(), Path.GetFileName(theme.DynamicClasses));
        }

        Assert.True(used.Count > 50, $"only {used.Count} classes found");
        var unknown = used.Where(u => !known.Contains(u.Key)).Select(u => $"{u.Key} (first on {u.Value})").Order(StringComparer.Ordinal).ToList();
        Assert.True(unknown.Count == 0, "classes the DSFR does not define:\n" + string.Join('\n', unknown));
    }

    [GeneratedRegex(@"\.(fr-[A-Za-z0-9_-]+)")]
    private static partial Regex CssClass();

    [GeneratedRegex("class=\"([^\"]*)\"")]
    private static partial Regex ClassAttribute();
}
