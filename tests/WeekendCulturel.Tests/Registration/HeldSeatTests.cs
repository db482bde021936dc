using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Mail;
using WeekendCulturel.Registration.Storage;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// Contract v2 through the API on a real Azurite: seats held until the address confirms, the code that only
/// e-mails carry, expiry and offers, the cutoff before a session, reminders, and the message each change owes,
/// written with it. The clock stands still until a test moves it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HeldSeatTests(AzuriteFixture azurite)
{
    // "one" has a single seat and a waiting list; "beside" overlaps it.
    private static readonly IReadOnlyList<SessionDefinition> Sessions =
    [
        TestSessions.Session("one", 1),
        TestSessions.Session("beside", 10, start: "2025-02-08T10:30:00+01:00", end: "2025-02-08T11:30:00+01:00"),
        TestSessions.Session("later", 10, start: "2025-02-08T16:00:00+01:00", end: "2025-02-08T17:00:00+01:00"),
    ];

    private static readonly Dictionary<string, string?> V2 = new() { ["Registration:ConfirmByEmail"] = "true" };

    private async Task<(ApiServer Api, TestClock Clock)> StartAsync()
    {
        var clock = new TestClock(ApiServer.Now);
        return (await ApiServer.StartAsync(azurite.Server, Sessions, settings: V2, clock: clock), clock);
    }

    [Fact]
    public async Task An_address_not_yet_verified_gets_its_seat_held_for_thirty_minutes_and_one_message_asking_to_confirm()
    {
        var (api, _) = await StartAsync();
        await using var _api = api;

        var body = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(1, "one", "later")));

        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.All(results, r => Assert.Equal("held", r.GetProperty("status").GetString()));
        Assert.All(results, r => Assert.Equal("2025-02-01T10:30:00+01:00", r.GetProperty("holdUntil").GetString()));
        Assert.False(body.TryGetProperty("code", out _));
        var sessions = await ApiServer.JsonAsync(await api.Client.GetAsync("/api/sessions"));
        var one = sessions.GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "one");
        Assert.Equal((1, 0, 0, "waitlist"), (one.GetProperty("held").GetInt32(), one.GetProperty("confirmed").GetInt32(), one.GetProperty("remaining").GetInt32(), one.GetProperty("state").GetString()));
        var messages = await MessagesAsync(api);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal((nameof(MessageKind.ConfirmRequest), true), (m.Kind, m.Pending)));

        // The two rows of one request make one e-mail listing both sessions.
        var content = await api.Services.GetRequiredService<MailDispatcher>().ContentAsync(messages, CancellationToken.None);
        Assert.Equal(["one", "later"], content!.Sessions.Select(s => s.Id));
        Assert.Contains("/confirm?code=", content.Links.Confirm);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_with_403_and_the_right_one_confirms_every_held_seat_and_verifies_the_address()
    {
        var (api, _) = await StartAsync();
        await using var _api = api;
        var booking = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(1, "one", "later")));
        var token = booking.GetProperty("manageToken").GetString()!;

        var wrong = await api.Client.PostAsJsonAsync($"/api/registrations/{token}/confirm", new { code = "AAAAAAAAAAAAAAAAAAAAAA" });
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);

        var right = await api.Client.PostAsJsonAsync($"/api/registrations/{token}/confirm", new { code = CodeOf(api, booking) });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.All((await ApiServer.JsonAsync(right)).GetProperty("results").EnumerateArray(), r => Assert.Equal("confirmed", r.GetProperty("status").GetString()));
        var again = await api.Client.PostAsJsonAsync($"/api/registrations/{token}/confirm", new { code = CodeOf(api, booking) });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(new SeatCounts(1, 1, 0, 0), (await api.Store.Seats.CountsAsync("one"))!.Value);

        // Verified: a later seat of the same address is confirmed at once, with a confirmation e-mail.
        var later = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(1, "beside")));
        Assert.Equal("conflict", later.GetProperty("results")[0].GetProperty("reason").GetString());
        Assert.Equal(2, (await MessagesAsync(api)).Count(m => m.Kind == nameof(MessageKind.Confirmed)));
    }

    [Fact]
    public async Task A_confirmation_after_the_deadline_gets_410_with_the_seats_expired_and_the_next_person_is_offered_the_seat()
    {
        var (api, clock) = await StartAsync();
        await using var _api = api;
        var first = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(1, "one")));
        var second = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(2, "one")));
        Assert.Equal("waitlisted", second.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal("2025-02-01T10:30:00+01:00", second.GetProperty("results")[0].GetProperty("confirmBy").GetString());

        // The second person confirms their place on the list; the first does not confirm in time.
        await api.Client.PostAsJsonAsync($"/api/registrations/{second.GetProperty("manageToken").GetString()}/confirm", new { code = CodeOf(api, second) });
        clock.Advance(TimeSpan.FromMinutes(31));
        var late = await api.Client.PostAsJsonAsync($"/api/registrations/{first.GetProperty("manageToken").GetString()}/confirm", new { code = CodeOf(api, first) });

        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal("expired", (await ApiServer.JsonAsync(late)).GetProperty("results")[0].GetProperty("status").GetString());
        var offered = await ApiServer.JsonAsync(await api.Client.GetAsync($"/api/registrations/{second.GetProperty("manageToken").GetString()}"));
        Assert.Equal("held", offered.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal("2025-02-01T22:31:00+01:00", offered.GetProperty("results")[0].GetProperty("holdUntil").GetString());
        var kinds = (await MessagesAsync(api)).Select(m => m.Kind).ToList();
        Assert.Contains(nameof(MessageKind.HoldExpired), kinds);
        Assert.Contains(nameof(MessageKind.Offer), kinds);
        Assert.Equal(new SeatCounts(1, 0, 0, 1), (await api.Store.Seats.CountsAsync("one"))!.Value);
    }

    [Fact]
    public async Task An_offer_left_to_expire_goes_to_the_next_person_passing_over_whoever_holds_an_overlapping_seat()
    {
        var (api, clock) = await StartAsync();
        await using var _api = api;
        var holder = await ConfirmedAsync(api, 1, "one");
        var waiting = await ConfirmedAsync(api, 2, "one");
        var seatedBeside = await ConfirmedAsync(api, 3, "one");
        await ConfirmedAsync(api, 3, "beside");
        var last = await ConfirmedAsync(api, 4, "one");

        await api.Client.DeleteAsync($"/api/registrations/{holder}");
        Assert.Equal("held", await StatusAsync(api, waiting));

        // Twelve hours later the offer has expired: person 3 holds a seat beside, so person 4 is offered it.
        clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        var released = await api.Store.Seats.ReleaseExpiredAsync(Sessions[0], ["beside"], clock.GetUtcNow());

        Assert.Equal("expired", await StatusAsync(api, waiting));
        Assert.Equal("waitlisted", await StatusAsync(api, seatedBeside));
        Assert.Equal("held", await StatusAsync(api, last));
        Assert.Equal([nameof(MessageKind.OfferExpired), nameof(MessageKind.Offer)], released.Select(m => m.Kind));
    }

    [Fact]
    public async Task A_seat_freed_after_the_cutoff_is_not_offered_and_the_session_says_it_is_free_at_the_door()
    {
        var (api, clock) = await StartAsync();
        await using var _api = api;
        var holder = await ConfirmedAsync(api, 1, "one");
        var waiting = await ConfirmedAsync(api, 2, "one");

        clock.Set(DateTimeOffset.Parse("2025-02-08T09:10:00+01:00"));
        await api.Client.DeleteAsync($"/api/registrations/{holder}");

        Assert.Equal("waitlisted", await StatusAsync(api, waiting));
        var sessions = await ApiServer.JsonAsync(await api.Client.GetAsync("/api/sessions"));
        var one = sessions.GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "one");
        Assert.True(one.GetProperty("atTheDoor").GetBoolean());
        Assert.Equal(1, one.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task Every_confirmed_attendee_is_reminded_exactly_once()
    {
        var (api, clock) = await StartAsync();
        await using var _api = api;
        await ConfirmedAsync(api, 1, "later");
        await ConfirmedAsync(api, 2, "later");
        var cancelled = await ConfirmedAsync(api, 3, "later");
        await api.Client.DeleteAsync($"/api/registrations/{cancelled}");

        clock.Set(DateTimeOffset.Parse("2025-02-07T16:30:00+01:00"));
        var first = await api.Store.Seats.RemindAsync("later", clock.GetUtcNow());
        var second = await api.Store.Seats.RemindAsync("later", clock.GetUtcNow());

        Assert.Equal(2, first.Count);
        Assert.Empty(second);
        Assert.Equal(2, (await MessagesAsync(api)).Count(m => m.Kind == nameof(MessageKind.Reminder)));
    }

    [Fact]
    public async Task Opening_every_link_an_email_carries_changes_nothing()
    {
        var (api, _) = await StartAsync();
        await using var _api = api;
        var booking = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(1, "one")));
        var token = booking.GetProperty("manageToken").GetString()!;
        await api.Client.PostAsJsonAsync("/api/newsletter", new { email = "n@example.org", acceptPrivacy = true });
        var newsletter = api.Services.GetRequiredService<NewsletterTokens>();
        var hash = api.Services.GetRequiredService<EmailIdentity>().Hash("n@example.org");
        var before = (await api.Store.Seats.CountsAsync("one"))!.Value;

        foreach (var link in new[]
        {
            $"/api/registrations/{token}/page?lang=fr",
            $"/api/registrations/{token}/confirm?code={CodeOf(api, booking)}&lang=fr",
            $"/api/registrations/{token}/sessions/one/give-back?lang=en",
            $"/api/newsletter/confirm?token={newsletter.For(hash, NewsletterAction.Confirm)}&lang=fr",
            $"/api/newsletter/unsubscribe?token={newsletter.For(hash, NewsletterAction.Unsubscribe)}&lang=fr",
        })
        {
            var page = await api.Client.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync());
        }

        Assert.Equal(before, (await api.Store.Seats.CountsAsync("one"))!.Value);
        Assert.Equal("held", await StatusAsync(api, token));
        var subscription = await api.Store.Table.GetEntityAsync<NewsletterEntity>(TableKeys.Newsletter, hash);
        Assert.True(subscription.Value.Pending);
    }

    [Fact]
    public async Task The_same_address_in_a_second_booking_is_told_registered_and_gets_its_own_links_once_an_hour()
    {
        var (api, _) = await StartAsync();
        await using var _api = api;
        await api.RegisterAsync(ApiServer.Person(1, "one"));

        var again = await api.RegisterAsync(ApiServer.Person(1, "one"));
        await api.RegisterAsync(ApiServer.Person(1, "one"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await ApiServer.JsonAsync(again);
        Assert.Equal("registered", body.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.False(body.GetProperty("results")[0].TryGetProperty("holdUntil", out _));
        Assert.False(body.TryGetProperty("manageToken", out _));
        Assert.Single(await MessagesAsync(api), m => m.Kind == nameof(MessageKind.AlreadyRegistered));
    }

    [Fact]
    public async Task Recovery_answers_202_whatever_the_address_and_records_at_most_three_messages_an_hour()
    {
        var (api, _) = await StartAsync();
        await using var _api = api;
        await api.RegisterAsync(ApiServer.Person(1, "one"));

        var statuses = new List<HttpStatusCode>();
        foreach (var email in new[] { "camille.martin.1@example.org", "nobody@example.org", "camille.martin.1@example.org", "camille.martin.1@example.org", "Camille.Martin.1@example.org" })
        {
            statuses.Add((await api.Client.PostAsJsonAsync("/api/registrations/recover", new { email, lang = "fr" })).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Accepted, s));
        var recoveries = (await MessagesAsync(api)).Where(m => m.Kind == nameof(MessageKind.Recovery)).ToList();
        Assert.Equal(4, recoveries.Count);
        var dispatcher = api.Services.GetRequiredService<MailDispatcher>();
        var known = recoveries.Where(r => r.Email.StartsWith("camille", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(3, known.Count);
        Assert.Single((await dispatcher.ContentAsync([known[0]], CancellationToken.None))!.Bookings!);
        Assert.Null(await dispatcher.ContentAsync([recoveries.Single(r => r.Email == "nobody@example.org")], CancellationToken.None));
    }

    [Fact]
    public async Task A_newsletter_address_is_pending_until_confirmed_and_unsubscribing_deletes_it()
    {
        var (api, _) = await StartAsync();
        await using var _api = api;
        var hash = api.Services.GetRequiredService<EmailIdentity>().Hash("n@example.org");
        var tokens = api.Services.GetRequiredService<NewsletterTokens>();

        Assert.Equal(HttpStatusCode.Accepted, (await api.Client.PostAsJsonAsync("/api/newsletter", new { email = "n@example.org", acceptPrivacy = true })).StatusCode);
        Assert.True((await api.Store.Table.GetEntityAsync<NewsletterEntity>(TableKeys.Newsletter, hash)).Value.Pending);
        Assert.Single(await MessagesAsync(api), m => m.Kind == nameof(MessageKind.NewsletterConfirm));

        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.PostAsJsonAsync("/api/newsletter/confirm", new { token = tokens.For(hash, NewsletterAction.Unsubscribe) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.PostAsJsonAsync("/api/newsletter/confirm", new { token = tokens.For(hash, NewsletterAction.Confirm) })).StatusCode);
        Assert.False((await api.Store.Table.GetEntityAsync<NewsletterEntity>(TableKeys.Newsletter, hash)).Value.Pending);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.PostAsJsonAsync("/api/newsletter/unsubscribe", new { token = tokens.For(hash, NewsletterAction.Unsubscribe) })).StatusCode);
        Assert.False((await api.Store.Table.GetEntityIfExistsAsync<NewsletterEntity>(TableKeys.Newsletter, hash)).HasValue);
    }

    private static string CodeOf(ApiServer api, System.Text.Json.JsonElement booking) =>
        api.Services.GetRequiredService<BookingSecrets>().CodeFor(booking.GetProperty("bookingId").GetString()!);

    /// <summary>Registers a person and confirms their address: returns their manage token.</summary>
    private static async Task<string> ConfirmedAsync(ApiServer api, int person, string session)
    {
        var booking = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(person, session)));
        var token = booking.GetProperty("manageToken").GetString()!;
        var confirmed = await api.Client.PostAsJsonAsync($"/api/registrations/{token}/confirm", new { code = CodeOf(api, booking) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return token;
    }

    private static async Task<string?> StatusAsync(ApiServer api, string token) =>
        (await ApiServer.JsonAsync(await api.Client.GetAsync($"/api/registrations/{token}"))).GetProperty("results")[0].GetProperty("status").GetString();

    private static Task<List<OutboxEntity>> MessagesAsync(ApiServer api) => OutboxMessages.AllAsync(api.Store.Table);
}
