using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace WeekendCulturel.BrowserTests;

/// <summary>
/// What the site's script says in place for contract v2's answers: the "Find my registrations" form, which
/// tells nothing about the address, and a registration for a session the address already has, which has no
/// booking page to go to.
/// </summary>
[Collection(SiteCollection.Visitors)]
public sealed class FindRegistrationsTests(SiteUnderTest site)
{
    [Fact]
    public async Task The_find_page_says_in_place_that_an_email_is_on_its_way_whatever_the_address()
    {
        await using var context = await site.ContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/inscription/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Retrouver mes inscriptions" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/inscription/retrouver/$"));

        await page.GetByLabel(new Regex("^Adresse électronique")).FillAsync("personne.inconnue@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Recevoir mes liens" }).ClickAsync();

        await Assertions.Expect(page.Locator("#retrouver-resultat")).ToContainTextAsync("Si cette adresse a des inscriptions, un message avec leurs liens est en route.");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/inscription/retrouver/$"));
        await Assertions.Expect(page.GetByLabel(new Regex("^Adresse électronique"))).ToHaveValueAsync("");
    }

    [Fact]
    public async Task A_malformed_address_is_flagged_beside_its_field()
    {
        await using var context = await site.ContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/en/registration/find/");

        await page.GetByLabel(new Regex("^Email address")).FillAsync("not-an-address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me my links" }).ClickAsync();

        await Assertions.Expect(page.Locator("#email-messages .fr-message--error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel(new Regex("^Email address"))).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#retrouver-resultat")).ToBeEmptyAsync();
    }

    [Fact]
    public async Task Registering_again_for_a_session_the_address_has_says_so_in_place_without_a_booking_page()
    {
        const string session = "table-ronde-metiers-de-la-culture";
        using var http = new HttpClient { BaseAddress = new Uri(site.BaseUrl) };
        var first = await http.PostAsync("/api/registrations", new StringContent(
            $$"""{"sessions":["{{session}}"],"firstName":"Alix","lastName":"Deja","email":"alix.deja@example.org","acceptWaitlist":true,"acceptPrivacy":true}""",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Created, first.StatusCode);

        await using var context = await site.ContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/inscription/?session={session}");
        await Assertions.Expect(page.Locator($"#choix-{session}")).ToBeCheckedAsync();
        await page.GetByLabel("Prénom").FillAsync("Alix");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Deja");
        await page.GetByLabel(new Regex("^Adresse électronique")).FillAsync("alix.deja@example.org");
        await page.Locator("label[for=acceptPrivacy]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon inscription" }).ClickAsync();

        var alert = page.Locator("#erreurs .fr-alert--info");
        await Assertions.Expect(alert.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Vous êtes déjà inscrit ou inscrite");
        await Assertions.Expect(alert).ToContainTextAsync("nous avons envoyé vos liens à votre adresse");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/inscription/\\?session="));
    }
}
