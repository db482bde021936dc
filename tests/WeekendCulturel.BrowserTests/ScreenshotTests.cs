using Microsoft.Playwright;

namespace WeekendCulturel.BrowserTests;

/// <summary>
/// Pictures of the main pages, desktop and phone, light and dark, for people to look at: written to
/// SCREENSHOTS_DIR (docs/screenshots keeps the current set; set SCREENSHOTS_DIR=docs/screenshots to renew it),
/// else under the test output.
/// </summary>
[Collection(SiteCollection.Drawing)]
public sealed class ScreenshotTests(SiteUnderTest site)
{
    private static string Directory_ =>
        Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") is { Length: > 0 } dir
            ? Path.GetFullPath(dir, SiteUnderTest.RepositoryRoot)
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Theory]
    [MemberData(nameof(SiteUnderTest.Displays), MemberType = typeof(SiteUnderTest))]
    public async Task The_main_pages_are_pictured(string scheme, int width, bool mobile)
    {
        Directory.CreateDirectory(Directory_);
        await using var context = await site.ContextAsync(width: width, height: mobile ? 800 : 1000, scheme: scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, mobile: mobile);
        var page = await context.NewPageAsync();
        var device = mobile ? "phone" : "desktop";
        async Task Shoot(string name)
        {
            var file = Path.Combine(Directory_, $"{name}-{device}-{scheme}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
            Assert.True(new FileInfo(file).Length > 10_000, $"{file} looks empty");
        }

        await page.GotoAsync("/");
        await Shoot("home");
        await page.GotoAsync("/programme/");
        await Shoot("programme");
        await page.GotoAsync("/programme/atelier-compar-ia/");
        await Assertions.Expect(page.Locator(".wc-registration .wc-live")).Not.ToBeEmptyAsync();
        await Shoot("session");

        await page.GotoAsync("/inscription/?session=atelier-compar-ia-3");
        await page.GetByLabel("Prénom").FillAsync("Camille");
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Adresse électronique")).FillAsync("camille@");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon inscription" }).ClickAsync();
        await Assertions.Expect(page.Locator("#erreurs")).ToBeFocusedAsync();
        await Shoot("form-errors");

        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Martin");
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Adresse électronique")).FillAsync($"camille.{device}.{scheme}@example.org");
        await page.Locator("label[for=acceptPrivacy]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon inscription" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-session=atelier-compar-ia-3]")).ToContainTextAsync("Place confirmée");
        await Shoot("confirmation");
    }
}
