using Microsoft.Playwright;

namespace WeekendCulturel.BrowserTests;

/// <summary>
/// axe-core, no violation of the WCAG 2.1 A and AA rules, where the display changes what is drawn: one page
/// of each template in dark on a desktop and in light and dark on a phone (a display changes a template's
/// styles, whatever its content; every page is checked in light on a desktop by <see cref="AccessibilityTests"/>),
/// and the pages that only exist at run time (the form in its error state, the booking page) in both schemes.
/// </summary>
[Collection(SiteCollection.EveryDisplay)]
public sealed class AccessibilityByDisplayTests(SiteUnderTest site)
{
    [Theory]
    [MemberData(nameof(SiteUnderTest.OtherDisplays), MemberType = typeof(SiteUnderTest))]
    public async Task One_page_of_every_template_has_no_wcag_violation(string scheme, int width, bool mobile)
    {
        Assert.Equal(SiteTemplates.OfTheme, site.Templates.Representatives.Keys.Order(StringComparer.Ordinal));
        await using var context = await site.ContextAsync(width: width, height: 900, scheme: scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, mobile: mobile);

        var problems = await AxeChecker.ViolationsOfPagesAsync(context, site.Templates.Representatives.Values, async (page, _) =>
        {
            if (scheme == "dark")
            {
                Assert.Equal("dark", await page.Locator("html").GetAttributeAsync("data-fr-theme"));
            }
        });

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task The_form_in_its_error_state_and_the_booking_page_have_no_wcag_violation()
    {
        var problems = new List<string>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var context = await site.ContextAsync(scheme: scheme);
            await AxeChecker.PrepareAsync(context);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/inscription/");
            await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon inscription" }).ClickAsync();
            await Assertions.Expect(page.Locator("#erreurs")).ToBeVisibleAsync();
            problems.AddRange(await AxeChecker.ViolationsAsync(page, $"/inscription/ with errors ({scheme})"));

            await page.Locator("label[for=choix-atelier-comprendre-ia]").ClickAsync();
            await page.GetByLabel("Prénom").FillAsync("Axe");
            await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Core");
            await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Adresse électronique")).FillAsync($"axe.{scheme}@example.org");
            await page.Locator("label[for=acceptPrivacy]").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon inscription" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-session=atelier-comprendre-ia]")).ToBeVisibleAsync();
            problems.AddRange(await AxeChecker.ViolationsAsync(page, $"booking page ({scheme})"));

            await page.GotoAsync("/");
            await page.Locator(".wc-newsletter button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("#lettre-messages .fr-message--error").First).ToBeVisibleAsync();
            problems.AddRange(await AxeChecker.ViolationsAsync(page, $"newsletter with errors ({scheme})"));
        }

        await using var noScript = await site.ContextAsync(javaScript: false);
        var plain = await noScript.NewPageAsync();
        await using var checker = await site.ContextAsync();
        await AxeChecker.PrepareAsync(checker);
        await plain.GotoAsync("/inscription/");

        // The browser's own checks stop an empty form; a form with no session chosen reaches the API.
        await plain.GetByLabel("Prénom").FillAsync("Sans");
        await plain.GetByLabel("Nom", new() { Exact = true }).FillAsync("Séance");
        await plain.GetByLabel(new System.Text.RegularExpressions.Regex("^Adresse électronique")).FillAsync("sans.seance@example.org");
        await plain.Locator("label[for=acceptPrivacy]").ClickAsync();
        await plain.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon inscription" }).ClickAsync();
        // The API answers with the form again: its error summary first, each mistake beside its field.
        await Assertions.Expect(plain.Locator("#erreurs")).ToContainTextAsync("Certains champs sont à corriger");
        // axe needs scripts: the page the API answered is checked again in a context that runs them.
        var html = await plain.ContentAsync();
        var again = await checker.NewPageAsync();
        await again.RouteAsync("**/api/registrations", route => route.FulfillAsync(new() { Status = 422, ContentType = "text/html; charset=utf-8", Body = html }));
        await again.GotoAsync("/api/registrations");
        problems.AddRange(await AxeChecker.ViolationsAsync(again, "form error page without JavaScript"));

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
