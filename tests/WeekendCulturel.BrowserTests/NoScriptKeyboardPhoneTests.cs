using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace WeekendCulturel.BrowserTests;

/// <summary>The site without JavaScript, with the keyboard only, and on a 375-pixel phone.</summary>
[Collection(SiteCollection.Visitors)]
public sealed class NoScriptKeyboardPhoneTests(SiteUnderTest site)
{
    [Fact]
    public async Task Without_javascript_the_programme_filters_and_the_form_registers()
    {
        await using var context = await site.ContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/programme/");
        var roundTable = page.Locator("#seance-table-ronde-ia-et-information");
        var workshop = page.Locator("#seance-atelier-compar-ia");
        await Assertions.Expect(roundTable).ToBeVisibleAsync();

        await page.Locator("label[for=filtre-format-atelier]").ClickAsync();
        await Assertions.Expect(roundTable).ToBeHiddenAsync();
        await Assertions.Expect(workshop).ToBeVisibleAsync();
        await page.Locator("label[for=filtre-lieu-conciergerie]").ClickAsync();
        await Assertions.Expect(workshop).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Réinitialiser les filtres" }).ClickAsync();
        await Assertions.Expect(roundTable).ToBeVisibleAsync();

        await page.GotoAsync("/programme/atelier-creer-avec-ia/");
        await page.Locator(".wc-registration").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^S’inscrire") }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#seance-atelier-creer-avec-ia$"));
        await page.Locator("label[for=choix-atelier-creer-avec-ia]").ClickAsync();
        await page.GetByLabel("Prénom").FillAsync("Sans");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Script");
        await page.GetByLabel(new Regex("^Adresse électronique")).FillAsync("sans.script@example.org");
        await page.Locator("label[for=acceptPrivacy]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon inscription" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/api/registrations/[A-Za-z0-9_-]{43}/page\\?lang=fr&new=1$"));
        await Assertions.Expect(page.Locator("[data-session=atelier-creer-avec-ia]")).ToContainTextAsync("Place retenue jusqu’au");
        await page.Locator("[data-session=atelier-creer-avec-ia]").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Annuler cette séance") }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-session=atelier-creer-avec-ia]")).ToContainTextAsync("Annulée");
    }

    [Fact]
    public async Task With_the_keyboard_only_skip_links_focus_and_form_errors_are_reachable()
    {
        await using var context = await site.ContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/inscription/");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Contenu", Exact = true });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeVisibleAsync();
        var outline = await skip.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth");
        Assert.DoesNotContain("none", outline, StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main#contenu")).ToBeFocusedAsync();

        // Reach the first session's box and tick it with the space bar.
        var first = page.Locator("input[name=sessions]:not([disabled])").First;
        for (var i = 0; i < 60 && !await first.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Assertions.Expect(first).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(first).ToBeCheckedAsync();

        // Jump to the first name, type, and send the form with the keyboard, leaving mistakes in it.
        await page.Locator("#firstName").FocusAsync();
        await page.Keyboard.TypeAsync("Clavier");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#email")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("pas-une-adresse");
        await page.Locator("button[type=submit]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var summary = page.Locator("#erreurs");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToContainTextAsync("Nom");
        await Assertions.Expect(page.Locator("#email-messages")).ToContainTextAsync("Saisissez une adresse électronique valide");
        Assert.Equal("true", await page.Locator("#email").GetAttributeAsync("aria-invalid"));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#lastName$"));
    }

    [Fact]
    public async Task On_a_375_pixel_phone_nothing_overflows_and_the_menu_opens()
    {
        await using var context = await site.ContextAsync(width: 375, height: 740, mobile: true);
        var page = await context.NewPageAsync();
        foreach (var path in new[] { "/", "/programme/", "/programme/atelier-compar-ia/", "/inscription/", "/en/" })
        {
            await page.GotoAsync(path);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 375, $"{path} is {width} px wide");
        }

        await page.GotoAsync("/");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" });
        await Assertions.Expect(nav).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await Assertions.Expect(nav).ToBeVisibleAsync();
        await nav.GetByRole(AriaRole.Link, new() { Name = "Programme" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/programme/$"));
    }

    [Fact]
    public async Task On_a_phone_the_menu_is_a_dialog_that_holds_the_focus_and_closes_with_escape()
    {
        await using var context = await site.ContextAsync(width: 375, height: 740, mobile: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/programme/atelier-compar-ia/");
        var menuButton = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        await menuButton.ClickAsync();

        var menu = page.GetByRole(AriaRole.Dialog, new() { Name = "Menu" });
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-modal", "true");
        await Assertions.Expect(menu.GetByRole(AriaRole.Button, new() { Name = "Fermer" })).ToBeFocusedAsync();
        // The header's tools are in the menu on a phone, as the DSFR lays them out.
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "S’inscrire" })).ToBeVisibleAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("English") })).ToBeVisibleAsync();

        // Tabbing past the last link comes back to the first control of the dialog, never to the page behind.
        for (var i = 0; i < 15; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.True(await menu.EvaluateAsync<bool>("m => m.contains(document.activeElement)"), $"the focus left the menu after {i + 1} Tab(s)");
        }

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" })).ToBeHiddenAsync();
        await Assertions.Expect(menuButton).ToBeFocusedAsync();
        await Assertions.Expect(menuButton).ToHaveAttributeAsync("data-fr-opened", "false");

        // The breadcrumb is folded behind a button on a phone; unfolding it moves the focus to the trail.
        var trail = page.GetByRole(AriaRole.Navigation, new() { NameRegex = new Regex("^Vous êtes ici") });
        await Assertions.Expect(trail.GetByRole(AriaRole.Link, new() { Name = "Accueil" })).ToBeHiddenAsync();
        await trail.GetByRole(AriaRole.Button, new() { Name = "Voir le fil d’Ariane" }).ClickAsync();
        await Assertions.Expect(trail.GetByRole(AriaRole.Link, new() { Name = "Accueil" })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task On_a_phone_without_javascript_the_menu_shows_the_header_tools()
    {
        await using var context = await site.ContextAsync(javaScript: false, width: 375, height: 740, mobile: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var links = page.Locator(".fr-header__menu-links");
        await Assertions.Expect(links.GetByRole(AriaRole.Link, new() { Name = "S’inscrire" })).ToBeVisibleAsync();
        await Assertions.Expect(links.GetByRole(AriaRole.Button, new() { Name = "Paramètres d’affichage" })).ToBeHiddenAsync();
    }
}
