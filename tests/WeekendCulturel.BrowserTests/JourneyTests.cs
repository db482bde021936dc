using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace WeekendCulturel.BrowserTests;

/// <summary>What visitors do, in a real browser: find a session, register, come back, cancel.</summary>
[Collection(SiteCollection.Visitors)]
public sealed class JourneyTests(SiteUnderTest site)
{
    private static async Task<int> RemainingOn(IPage page, string session)
    {
        await page.GotoAsync($"/programme/{session}/");
        var live = page.Locator(".wc-registration .wc-live");
        await Assertions.Expect(live).ToHaveTextAsync(new Regex("places? restantes? sur"));
        return int.Parse(Regex.Match(await live.InnerTextAsync(), "^(\\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_visitor_finds_sessions_registers_for_two_then_cancels_one()
    {
        await using var context = await site.ContextAsync();
        var page = await context.NewPageAsync();
        var before = await RemainingOn(page, "atelier-compar-ia");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Programme" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/programme/$"));
        await page.Locator("label[for=filtre-format-atelier]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("format=atelier"));
        await Assertions.Expect(page.Locator("#seance-table-ronde-ia-et-information")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#programme-compte")).ToContainTextAsync("séance(s) affichée(s)");
        await page.GetByRole(AriaRole.Link, new() { Name = "Atelier Compar:IA : comparer deux IA à l’aveugle", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Compar:IA");

        await page.Locator(".wc-registration").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^S’inscrire") }).ClickAsync();
        await Assertions.Expect(page.Locator("#choix-atelier-compar-ia")).ToBeCheckedAsync();
        await page.Locator("label[for=choix-table-ronde-ia-patrimoine-archives-genealogie]").ClickAsync();
        await page.GetByLabel("Prénom").FillAsync("Camille");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Martin");
        await page.GetByLabel(new Regex("^Adresse électronique")).FillAsync("camille.parcours@example.org");
        await page.Locator("label[for=acceptPrivacy]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon inscription" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Votre inscription", Level = 1 })).ToBeVisibleAsync();
        // A first registration from an address holds its seats until the e-mail confirms them (MailJourneyTests).
        await Assertions.Expect(page.Locator("[data-session=atelier-compar-ia]")).ToContainTextAsync("Place retenue jusqu’au");
        await Assertions.Expect(page.Locator("[data-session=table-ronde-ia-patrimoine-archives-genealogie]")).ToContainTextAsync("Place retenue jusqu’au");
        await Assertions.Expect(page.Locator("a[href='/agenda/atelier-compar-ia.ics']")).ToBeVisibleAsync();
        Assert.Equal(before - 1, await RemainingOn(page, "atelier-compar-ia"));

        // The private link, opened later, manages the booking.
        await page.GoBackAsync();
        var manage = await page.Locator(".wc-manage-link").GetAttributeAsync("href");
        var later = await context.NewPageAsync();
        await later.GotoAsync(manage!);
        await later.Locator("[data-session=atelier-compar-ia]").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Annuler cette séance") }).ClickAsync();
        await Assertions.Expect(later.Locator("[data-session=atelier-compar-ia]")).ToContainTextAsync("Annulée");
        await Assertions.Expect(later.Locator("[data-session=table-ronde-ia-patrimoine-archives-genealogie]")).ToContainTextAsync("Place retenue jusqu’au");
        Assert.Equal(before, await RemainingOn(later, "atelier-compar-ia"));
    }

    [Fact]
    public async Task The_waiting_list_takes_a_registration_and_a_cancellation_promotes_it()
    {
        using var http = new HttpClient { BaseAddress = new Uri(site.BaseUrl) };
        var holders = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var response = await http.PostAsync("/api/registrations", new StringContent(
                $$"""{"sessions":["atelier-familles-mythes-antiquite-3"],"firstName":"Parent","lastName":"N{{i}}","email":"parent{{i}}@example.org","acceptWaitlist":true,"acceptPrivacy":true}""",
                System.Text.Encoding.UTF8, "application/json"));
            var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            holders.Add(body.GetProperty("manageToken").GetString()!);
        }

        await using var context = await site.ContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/programme/atelier-familles-mythes-antiquite-3/");
        await Assertions.Expect(page.Locator(".wc-registration .wc-live")).ToContainTextAsync("liste d’attente ouverte");
        await page.Locator(".wc-registration").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^S’inscrire") }).ClickAsync();
        await page.GetByLabel("Prénom").FillAsync("Dominique");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Attente");
        await page.GetByLabel(new Regex("^Adresse électronique")).FillAsync("dominique.attente@example.org");
        await page.Locator("label[for=acceptPrivacy]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon inscription" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-session=atelier-familles-mythes-antiquite-3]")).ToContainTextAsync("Liste d’attente, position 1");

        var cancelled = await http.DeleteAsync($"/api/registrations/{holders[3]}");
        Assert.True(cancelled.IsSuccessStatusCode);
        await page.ReloadAsync();
        // The freed seat is offered: held for the first person waiting until they confirm it.
        await Assertions.Expect(page.Locator("[data-session=atelier-familles-mythes-antiquite-3]")).ToHaveAttributeAsync("data-status", "held");
        await Assertions.Expect(page.Locator("[data-session=atelier-familles-mythes-antiquite-3]")).ToContainTextAsync("Place retenue jusqu’au");
    }

    [Fact]
    public async Task The_same_journey_in_english()
    {
        await using var context = await site.ContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/en/$"));
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" }).GetByRole(AriaRole.Link, new() { Name = "Programme" }).ClickAsync();
        await page.Locator("label[for=filtre-format-projection]").ClickAsync();
        await page.Locator(".wc-session:visible a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/en/programme/projection-"));
        await Assertions.Expect(page.Locator(".wc-registration .wc-live")).ToContainTextAsync("seats left");
        await page.Locator(".wc-registration").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Register") }).ClickAsync();
        await page.GetByLabel("First name").FillAsync("Alex");
        await page.GetByLabel("Last name").FillAsync("Smith");
        await page.GetByLabel(new Regex("^Email address")).FillAsync("alex.smith@example.org");
        await page.Locator("label[for=acceptPrivacy]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my registration" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your booking", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-status=held]")).ToContainTextAsync("Seat held until");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel all my sessions" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-status=cancelled]")).ToContainTextAsync("Cancelled");
    }
}
