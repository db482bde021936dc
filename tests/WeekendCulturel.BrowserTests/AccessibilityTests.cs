using Microsoft.Playwright;

namespace WeekendCulturel.BrowserTests;

/// <summary>
/// axe-core on every generated page, French and English, in light on a desktop: no violation of the WCAG 2.1
/// A and AA rules. The other displays are checked on one page of each template
/// (<see cref="AccessibilityByDisplayTests"/>), so this class also makes sure every template has its pages.
/// </summary>
[Collection(SiteCollection.EveryPage)]
public sealed class AccessibilityTests(SiteUnderTest site)
{
    [Fact]
    public void Every_template_of_the_theme_made_pages_and_every_page_has_its_template()
    {
        Assert.Equal(SiteTemplates.OfTheme, site.Templates.Pages.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(site.Pages, site.Templates.Pages.Values.SelectMany(p => p).Order(StringComparer.Ordinal));
        Assert.All(site.Templates.Representatives, r => Assert.Contains(r.Value, site.Templates.Pages[r.Key]));
    }

    [Fact]
    public async Task Every_page_has_no_wcag_violation_in_light_on_a_desktop()
    {
        Assert.True(site.Pages.Count > 100);
        await using var context = await site.ContextAsync(width: 1280, height: 900, scheme: ColorScheme.Light);

        var problems = await AxeChecker.ViolationsOfPagesAsync(context, site.Pages);

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task The_checker_reports_a_real_violation()
    {
        await using var context = await site.ContextAsync();
        await AxeChecker.PrepareAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/404.html");
        await page.EvaluateAsync("() => { const img = document.createElement('img'); img.src = '/nothing.png'; document.querySelector('main').append(img); }");

        var violations = await AxeChecker.ViolationsAsync(page, "404 with an image without text");

        Assert.Contains(violations, v => v.Contains(": image-alt (", StringComparison.Ordinal));
    }
}
