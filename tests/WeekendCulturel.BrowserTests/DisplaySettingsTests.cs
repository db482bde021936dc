using Microsoft.Playwright;

namespace WeekendCulturel.BrowserTests;

/// <summary>The DSFR display settings (light, dark, system) work from the bundled scripts and are remembered.</summary>
[Collection(SiteCollection.Visitors)]
public sealed class DisplaySettingsTests(SiteUnderTest site)
{
    [Fact]
    public async Task The_dark_theme_is_chosen_in_the_dialog_and_kept_on_the_next_page()
    {
        await using var context = await site.ContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.NotEqual("dark", await page.Locator("html").GetAttributeAsync("data-fr-theme"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Paramètres d’affichage" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Paramètres d’affichage" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator("label[for=fr-radios-theme-dark]").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-fr-theme", "dark");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Fermer" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        await page.GotoAsync("/programme/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-fr-theme", "dark");
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.NotEqual("rgb(255, 255, 255)", background);
    }
}
