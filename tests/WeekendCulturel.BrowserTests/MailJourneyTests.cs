using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.BrowserTests;

/// <summary>
/// Version 2 as a person lives it, in Chromium: the site sends its e-mails to the mail catcher serve starts,
/// the test reads them there as a mail client would, opens their links in the browser and presses the
/// pages' buttons. Each test has its own addresses and sessions that no other collection books.
/// </summary>
[Collection(SiteCollection.Mail)]
public sealed class MailJourneyTests(SiteUnderTest site)
{
    public static TheoryData<bool> WithAndWithoutScript => new() { true, false };

    [Theory]
    [MemberData(nameof(WithAndWithoutScript))]
    public async Task A_newcomer_confirms_from_the_email_and_receives_the_sessions_calendars(bool javaScript)
    {
        var email = Address("nouveau", javaScript);
        await using var context = await site.ContextAsync(javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/inscription/");
        await page.Locator("label[for=choix-atelier-comprendre-ia-2]").ClickAsync();
        await page.Locator("label[for=choix-masterclass-machina-sapiens-1]").ClickAsync();
        await FillAndSendAsync(page, "Camille", email);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Votre inscription", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-session=atelier-comprendre-ia-2]")).ToHaveAttributeAsync("data-status", "held");
        await Assertions.Expect(page.Locator("[data-session=masterclass-machina-sapiens-1]")).ToHaveAttributeAsync("data-status", "held");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirmez depuis votre messagerie" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Vérifiez votre boîte de réception à l’adresse {Masked(email)}");

        var asked = await site.Inbox.WaitForAsync(email);
        await page.GotoAsync(Assert.Single(asked.Links, l => l.Contains("/confirm?code=", StringComparison.Ordinal)));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirmer votre inscription", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon inscription" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Votre inscription", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-status]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-status=confirmed]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-session=atelier-comprendre-ia-2]")).ToContainTextAsync("Place confirmée");
        var confirmed = await site.Inbox.WaitForAsync(email, m => m.Id != asked.Id);
        Assert.StartsWith("Vos places sont confirmées", confirmed.Subject, StringComparison.Ordinal);
        Assert.Equal(["atelier-comprendre-ia-2.ics", "masterclass-machina-sapiens-1.ics"], confirmed.Attachments.Select(a => a.FileName).Order(StringComparer.Ordinal));
        Assert.All(confirmed.Attachments, a =>
        {
            Assert.Equal("text/calendar", a.ContentType.MimeType);
            Assert.Contains("BEGIN:VEVENT", System.Text.Encoding.UTF8.GetString(a.Content), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_waiting_person_is_told_the_position_then_offered_the_seat_someone_gives_back_and_confirms_it()
    {
        const string session = "atelier-familles-mythes-antiquite-2";
        using var http = new HttpClient { BaseAddress = new Uri(site.BaseUrl) };
        var holders = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var booking = await RegisterAsync(http, $"pleine.{i}.{Guid.NewGuid():N}@example.org", session);
            holders.Add(booking.GetProperty("manageToken").GetString()!);
        }

        var waiting = Address("attente", true);
        await using var context = await site.ContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/inscription/?session={session}");
        await FillAndSendAsync(page, "Dominique", waiting);
        await Assertions.Expect(page.Locator($"[data-session={session}]")).ToContainTextAsync("Liste d’attente, position 1");

        var listed = await site.Inbox.WaitForAsync(waiting);
        Assert.Contains("Liste d’attente, position 1", listed.Text, StringComparison.Ordinal);
        await page.GotoAsync(Assert.Single(listed.Links, l => l.Contains("/confirm?code=", StringComparison.Ordinal)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon inscription" }).ClickAsync();
        await Assertions.Expect(page.Locator($"[data-session={session}]")).ToHaveAttributeAsync("data-status", "waitlisted");

        // Someone else, on their own booking page, gives the seat back.
        await using var other = await site.ContextAsync();
        var theirs = await other.NewPageAsync();
        await theirs.GotoAsync($"/api/registrations/{holders[5]}/page?lang=fr");
        await theirs.Locator($"[data-session={session}]").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Annuler cette séance") }).ClickAsync();
        await Assertions.Expect(theirs.Locator($"[data-session={session}]")).ToContainTextAsync("Annulée");

        var offer = await site.Inbox.WaitForAsync(waiting, m => m.Subject.StartsWith("Une place s’est libérée", StringComparison.Ordinal));
        Assert.Contains("elle vous est réservée jusqu’au", offer.Text, StringComparison.Ordinal);
        await page.GotoAsync(Assert.Single(offer.Links, l => l.Contains("/confirm?code=", StringComparison.Ordinal)));
        await Assertions.Expect(page.Locator($"main [data-session={session}]")).ToHaveAttributeAsync("data-status", "held");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon inscription" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Votre inscription", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"[data-session={session}]")).ToHaveAttributeAsync("data-status", "confirmed");
        var confirmed = await site.Inbox.WaitForAsync(waiting, m => m.Attachments.Count > 0);
        Assert.Equal($"{session}.ics", Assert.Single(confirmed.Attachments).FileName);
    }

    [Fact]
    public async Task An_offer_left_to_expire_goes_to_the_next_person_who_confirms_it()
    {
        // The shared site's clock is the other collections' too: this one runs a host of its own, on a clock it moves.
        const string session = "atelier-familles-mythes-antiquite";
        var clock = new TestClock(SiteUnderTest.Now);
        await using var side = await site.SideSiteAsync(clock);
        using var http = new HttpClient { BaseAddress = new Uri(side.BaseUrl) };
        var secrets = side.Services.GetRequiredService<BookingSecrets>();
        async Task<string> RegisterConfirmedAsync(string email)
        {
            var booking = await RegisterAsync(http, email, session);
            var code = secrets.CodeFor(booking.GetProperty("bookingId").GetString()!);
            var token = booking.GetProperty("manageToken").GetString()!;
            (await http.PostAsJsonAsync($"/api/registrations/{token}/confirm", new { code })).EnsureSuccessStatusCode();
            return token;
        }

        var holders = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            holders.Add(await RegisterConfirmedAsync($"tenue.{i}.{Guid.NewGuid():N}@example.org"));
        }

        var (first, next) = (Address("premier", true), Address("suivant", true));
        await RegisterConfirmedAsync(first);
        await RegisterConfirmedAsync(next);
        (await http.DeleteAsync($"/api/registrations/{holders[0]}")).EnsureSuccessStatusCode();
        var missed = await site.Inbox.WaitForAsync(first, m => m.Subject.StartsWith("Une place s’est libérée", StringComparison.Ordinal));

        clock.Advance(TimeSpan.FromHours(13));
        await side.Services.GetRequiredService<Sweeps>().RunAsync();

        var expired = await site.Inbox.WaitForAsync(first, m => m.Subject.StartsWith("La place proposée n’a pas été confirmée", StringComparison.Ordinal));
        var offer = await site.Inbox.WaitForAsync(next, m => m.Subject.StartsWith("Une place s’est libérée", StringComparison.Ordinal));
        await using var context = await site.ContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Assert.Single(missed.Links, l => l.Contains("/confirm?code=", StringComparison.Ordinal)));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Il n’y a plus rien à confirmer dans cette inscription");
        await page.GotoAsync(Assert.Single(expired.Links, l => l.Contains("/page?", StringComparison.Ordinal)));
        await Assertions.Expect(page.Locator($"[data-session={session}]")).ToHaveAttributeAsync("data-status", "expired");

        await page.GotoAsync(Assert.Single(offer.Links, l => l.Contains("/confirm?code=", StringComparison.Ordinal)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon inscription" }).ClickAsync();
        await Assertions.Expect(page.Locator($"[data-session={session}]")).ToHaveAttributeAsync("data-status", "confirmed");
    }

    [Theory]
    [MemberData(nameof(WithAndWithoutScript))]
    public async Task Find_my_registrations_sends_the_booking_s_link_which_opens_the_booking(bool javaScript)
    {
        var email = Address("retrouve", javaScript);
        using var http = new HttpClient { BaseAddress = new Uri(site.BaseUrl) };
        var token = (await RegisterAsync(http, email, "masterclass-machina-sapiens-2")).GetProperty("manageToken").GetString()!;

        await using var context = await site.ContextAsync(javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/inscription/retrouver/");
        await page.GetByLabel(new Regex("^Adresse électronique")).FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Recevoir mes liens" }).ClickAsync();
        if (javaScript)
        {
            await Assertions.Expect(page.Locator("#retrouver-resultat")).ToContainTextAsync("un message avec leurs liens est en route");
        }
        else
        {
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/inscription/retrouver/merci/$"));
        }

        var found = await site.Inbox.WaitForAsync(email, m => m.Subject.StartsWith("Vos inscriptions", StringComparison.Ordinal));
        var link = Assert.Single(found.Links, l => l.Contains("/page?", StringComparison.Ordinal));
        Assert.Contains(token, link, StringComparison.Ordinal);
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Votre inscription", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-session=masterclass-machina-sapiens-2]")).ToHaveAttributeAsync("data-status", "held");
    }

    [Theory]
    [MemberData(nameof(WithAndWithoutScript))]
    public async Task A_newsletter_subscription_is_confirmed_from_its_email_and_its_unsubscribe_link_ends_it(bool javaScript)
    {
        var email = Address("lettre", javaScript);
        await using var context = await site.ContextAsync(javaScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("#lettre-email").FillAsync(email);
        await page.Locator("label[for=lettre-accord]").ClickAsync();
        await page.Locator(".wc-newsletter button[type=submit]").ClickAsync();
        if (javaScript)
        {
            await Assertions.Expect(page.Locator("#lettre-messages .fr-message--valid")).ToContainTextAsync("Vérifiez votre messagerie");
        }
        else
        {
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/lettre/merci/$"));
        }

        var mail = await site.Inbox.WaitForAsync(email);
        Assert.StartsWith("Confirmez votre abonnement", mail.Subject, StringComparison.Ordinal);
        var confirm = Assert.Single(mail.Links, l => l.Contains("/api/newsletter/confirm?token=", StringComparison.Ordinal));
        await page.GotoAsync(confirm);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer l’abonnement" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Abonnement confirmé", Level = 1 })).ToBeVisibleAsync();

        await page.GotoAsync(Assert.Single(mail.Links, l => l.Contains("/api/newsletter/unsubscribe?token=", StringComparison.Ordinal)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Me désabonner" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Désabonnement effectué", Level = 1 })).ToBeVisibleAsync();

        // The address is gone: its confirm link no longer matches anything.
        await page.GotoAsync(confirm);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer l’abonnement" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Lien invalide ou expiré");
    }

    private static async Task FillAndSendAsync(IPage page, string firstName, string email)
    {
        await page.GetByLabel("Prénom").FillAsync(firstName);
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Courriel");
        await page.GetByLabel(new Regex("^Adresse électronique")).FillAsync(email);
        await page.Locator("label[for=acceptPrivacy]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon inscription" }).ClickAsync();
    }

    internal static async Task<JsonElement> RegisterAsync(HttpClient http, string email, string session)
    {
        var response = await http.PostAsJsonAsync("/api/registrations", new
        {
            sessions = new[] { session },
            firstName = "Claude",
            lastName = "Courriel",
            email,
            lang = "fr",
            acceptWaitlist = true,
            acceptPrivacy = true,
        });
        Assert.True(response.IsSuccessStatusCode, $"{email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>An address of this run only: the catcher's inbox is shared by every test.</summary>
    internal static string Address(string who, bool javaScript) => $"{who}.{(javaScript ? "js" : "sans-js")}.{Guid.NewGuid().ToString("N")[..8]}@example.org";

    /// <summary>The address as the pages show it: its first character, then dots, then the domain.</summary>
    private static string Masked(string email) => email[0] + "•••" + email[email.IndexOf('@', StringComparison.Ordinal)..];
}
