using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>Follows every internal link, anchor and asset of the built site.</summary>
public sealed class LinkTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    [Fact]
    public void Every_internal_link_and_anchor_resolves()
    {
        var broken = new List<string>();
        var pages = site.HtmlPages.ToList();
        Assert.True(pages.Count > 100, $"only {pages.Count} pages were built");
        foreach (var page in pages)
        {
            var document = site.Document(page);
            var references = document.QuerySelectorAll("a[href], link[href]").Select(e => e.GetAttribute("href")!)
                .Concat(document.QuerySelectorAll("script[src], img[src]").Select(e => e.GetAttribute("src")!));
            foreach (var reference in references)
            {
                if (reference.StartsWith("https://", StringComparison.Ordinal) || reference.StartsWith("http://", StringComparison.Ordinal) || reference.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var (path, anchor) = Split(reference, page);
                if (site.FileOf(path) is null)
                {
                    broken.Add($"{page}: {reference} (no file)");
                    continue;
                }

                if (anchor is not null && path.EndsWith('/') && site.Document(path).GetElementById(anchor) is null)
                {
                    broken.Add($"{page}: {reference} (no element with id '{anchor}')");
                }
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public void External_links_are_well_formed()
    {
        var malformed = site.HtmlPages
            .SelectMany(p => site.Document(p).QuerySelectorAll("a[href^='http']").Select(a => (Page: p, Href: a.GetAttribute("href")!)))
            .Where(l => !Uri.TryCreate(l.Href, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.Host.Contains(' '))
            .ToList();

        Assert.Empty(malformed);
    }

    [Fact]
    public void Hreflang_alternates_are_reciprocal_and_absolute()
    {
        var problems = new List<string>();
        foreach (var page in site.HtmlPages)
        {
            var document = site.Document(page);
            var canonical = document.QuerySelector("link[rel=canonical]")?.GetAttribute("href");
            foreach (var alternate in document.QuerySelectorAll("link[rel=alternate][hreflang]").Where(l => l.GetAttribute("hreflang") != "x-default"))
            {
                var href = alternate.GetAttribute("href")!;
                if (!Uri.TryCreate(href, UriKind.Absolute, out var uri))
                {
                    problems.Add($"{page}: relative hreflang {href}");
                    continue;
                }

                var target = uri.AbsolutePath;
                if (site.FileOf(target) is null)
                {
                    problems.Add($"{page}: hreflang target {target} does not exist");
                    continue;
                }

                var back = site.Document(target).QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => l.GetAttribute("href"));
                if (!back.Contains(canonical))
                {
                    problems.Add($"{page}: {target} does not point back to {canonical}");
                }
            }
        }

        Assert.Empty(problems);
    }

    private static (string Path, string? Anchor) Split(string reference, string page)
    {
        var query = reference.IndexOf('?');
        if (query >= 0)
        {
            var hashAfter = reference.IndexOf('#', query);
            reference = reference[..query] + (hashAfter >= 0 ? reference[hashAfter..] : "");
        }

        var hash = reference.IndexOf('#');
        var path = hash >= 0 ? reference[..hash] : reference;
        var anchor = hash >= 0 ? reference[(hash + 1)..] : null;
        if (path.Length == 0)
        {
            path = page.EndsWith("index.html", StringComparison.Ordinal) ? page[..^"index.html".Length] : page;
        }

        return (path, anchor);
    }
}
