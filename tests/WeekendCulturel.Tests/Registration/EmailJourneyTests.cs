using System.Net;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WeekendCulturel.Functions;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Mail;
using WeekendCulturel.Registration.Storage;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// Version 2 end to end with a real relay: the API on Azurite sends its messages to the mail catcher serve
/// starts, and the tests act as the attendee would, from the e-mail: open its link, press the page's button.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EmailJourneyTests(AzuriteFixture azurite, MailCatcherFixture catcher) : IClassFixture<MailCatcherFixture>
{
    private const string Calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";

    private static readonly IReadOnlyList<SessionDefinition> Sessions =
    [
        TestSessions.Session("one", 1) with { Calendars = new SessionCalendars(Calendar, Calendar) },
        TestSessions.Session("later", 10, start: "2025-02-08T16:00:00+01:00", end: "2025-02-08T17:00:00+01:00") with { Calendars = new SessionCalendars(Calendar, Calendar) },
    ];

    private Dictionary<string, string?> Settings(string? table = null, bool relay = true)
    {
        var settings = new Dictionary<string, string?> { ["Registration:ConfirmByEmail"] = "true" };
        if (relay)
        {
            foreach (var (key, value) in catcher.Settings)
            {
                settings[key] = value;
            }
        }

        if (table is not null)
        {
            settings["Registration:TableName"] = table;
        }

        return settings;
    }

    [Fact]
    public async Task A_newcomer_confirms_from_the_email_and_receives_the_confirmation_with_the_session_s_calendar()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, Sessions, settings: Settings(), sendsMail: true);
        var email = Address();

        var booking = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(email, "one", "later")));
        var asked = await catcher.Inbox.WaitForAsync(email);

        Assert.All(booking.GetProperty("results").EnumerateArray(), r => Assert.Equal("held", r.GetProperty("status").GetString()));
        var confirmLink = Assert.Single(asked.Links, l => l.Contains("/confirm?code=", StringComparison.Ordinal));
        var booked = await PressTheButtonAsync(api, confirmLink);

        Assert.Equal(HttpStatusCode.SeeOther, booked.StatusCode);
        var page = await api.Client.GetAsync(booked.Headers.Location);
        var statuses = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync()).QuerySelectorAll("[data-status]").Select(e => e.GetAttribute("data-status"));
        Assert.Equal(["confirmed", "confirmed"], statuses);
        var confirmed = await catcher.Inbox.WaitForAsync(email, m => m.Id != asked.Id);
        Assert.Equal(["one.ics", "later.ics"], confirmed.Attachments.Select(a => a.FileName));
        Assert.Equal(Calendar, Encoding.UTF8.GetString(confirmed.Attachments[0].Content));
        Assert.DoesNotContain(email, confirmed.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_waiting_person_is_offered_a_freed_seat_by_email_and_takes_it_within_the_deadline()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, Sessions, settings: Settings(), sendsMail: true);
        var (holder, waiting) = (Address(), Address());
        var first = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(holder, "one")));
        await PressTheButtonAsync(api, Assert.Single((await catcher.Inbox.WaitForAsync(holder)).Links, l => l.Contains("/confirm?", StringComparison.Ordinal)));
        await api.RegisterAsync(ApiServer.Person(waiting, "one"));
        var listed = await catcher.Inbox.WaitForAsync(waiting);
        await PressTheButtonAsync(api, Assert.Single(listed.Links, l => l.Contains("/confirm?", StringComparison.Ordinal)));

        await api.Client.DeleteAsync($"/api/registrations/{first.GetProperty("manageToken").GetString()}");
        var offer = await catcher.Inbox.WaitForAsync(waiting, m => m.Id != listed.Id);
        var taken = await PressTheButtonAsync(api, Assert.Single(offer.Links, l => l.Contains("/confirm?", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.SeeOther, taken.StatusCode);
        Assert.Equal(new SeatCounts(1, 1, 0, 0), (await api.Store.Seats.CountsAsync("one"))!.Value);
    }

    [Fact]
    public async Task Messages_committed_while_the_host_could_not_send_are_sent_when_it_starts_again_with_the_same_message_id()
    {
        var table = ApiServer.NewTableName();
        var email = Address();
        string messageId;

        // A host that commits and stops before sending: here, one without a relay, so nothing can go.
        await using (var down = await ApiServer.StartAsync(azurite.Server, Sessions, settings: Settings(table, relay: false), sendsMail: true))
        {
            await down.RegisterAsync(ApiServer.Person(email, "one"));
            var pending = await down.Store.Outbox.PendingBeforeAsync(DateTimeOffset.MaxValue);
            var row = Assert.Single(pending);
            messageId = (await down.Services.GetRequiredService<MailDispatcher>().ComposeAsync([row], CancellationToken.None))!.MessageId;
        }

        await using var up = await ApiServer.StartAsync(azurite.Server, Sessions, settings: Settings(table), sendsMail: true);
        var sent = await catcher.Inbox.WaitForAsync(email);

        Assert.Equal(messageId, sent.MessageId);
        await Eventually.TrueAsync(async () => (await up.Store.Outbox.PendingBeforeAsync(DateTimeOffset.MaxValue)).Count == 0);
    }

    [Fact]
    public async Task A_registration_taken_again_after_a_cancellation_keeps_the_message_its_row_carries_and_sending_it_keeps_the_registration()
    {
        var table = ApiServer.NewTableName();
        await using var api = await ApiServer.StartAsync(azurite.Server, Sessions, settings: Settings(table, relay: false), sendsMail: true);
        var email = Address();
        var first = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(email, "later")));
        var carried = Assert.Single(await api.Store.Outbox.PendingBeforeAsync(DateTimeOffset.MaxValue));
        await api.Client.DeleteAsync($"/api/registrations/{first.GetProperty("manageToken").GetString()}");
        var second = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(email, "later")));

        var pending = await api.Store.Outbox.PendingBeforeAsync(DateTimeOffset.MaxValue);
        Assert.True(OutboxRows.IsCarried(carried));
        Assert.Equal(
            [
                (nameof(MessageKind.ConfirmRequest), first.GetProperty("bookingId").GetString(), true),
                (nameof(MessageKind.Cancelled), first.GetProperty("bookingId").GetString(), false),
                (nameof(MessageKind.ConfirmRequest), second.GetProperty("bookingId").GetString(), false),
            ],
            pending.OrderBy(m => !OutboxRows.IsCarried(m)).ThenBy(m => m.Kind, StringComparer.Ordinal).Select(m => (m.Kind, (string?)m.BookingId, OutboxRows.IsCarried(m))));
        Assert.Equal(OutboxRows.Address(carried), OutboxRows.Address(pending.Single(OutboxRows.IsCarried)));

        await api.Store.Outbox.MarkSentAsync(pending, ApiServer.Now);

        Assert.Empty(await api.Store.Outbox.PendingBeforeAsync(DateTimeOffset.MaxValue));
        Assert.Empty(await api.Store.Outbox.PendingAtAsync(pending.Select(OutboxRows.Address)));
        var registration = (await api.Store.Table.GetEntityAsync<RegistrationEntity>("later", carried.RowKey)).Value;
        Assert.Equal((email, nameof(RegistrationStatus.Held), second.GetProperty("bookingId").GetString()), (registration.Email, registration.Status, registration.BookingId));
    }

    [Fact]
    public async Task The_dispatcher_reads_what_is_still_pending_at_the_addresses_it_is_given_few_or_many_of_a_partition()
    {
        var table = ApiServer.NewTableName();
        await using var api = await ApiServer.StartAsync(azurite.Server, Sessions, settings: Settings(table, relay: false), sendsMail: true);
        var bookings = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ => await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(Address(), "later")))));
        // A waiting place given back: its message is a row of its own, and no seat is offered.
        var waiting = bookings.First(b => b.GetProperty("results")[0].GetProperty("status").GetString() == "waitlisted");
        await api.Client.DeleteAsync($"/api/registrations/{waiting.GetProperty("manageToken").GetString()}");
        var pending = await api.Store.Outbox.PendingBeforeAsync(DateTimeOffset.MaxValue);
        var addresses = pending.Select(OutboxRows.Address).Append(new OutboxAddress("later", RegistrationEntity.RowFor("nobody"))).ToList();

        Assert.Equal((41, 40), (pending.Count, pending.Count(OutboxRows.IsCarried)));
        Assert.Equal(Keys(pending), Keys(await api.Store.Outbox.PendingAtAsync(addresses)));
        Assert.Equal(Keys(pending.Take(3)), Keys(await api.Store.Outbox.PendingAtAsync(addresses.Take(3))));

        var sent = pending.Where((_, i) => i % 2 == 0).Append(pending.Single(m => !OutboxRows.IsCarried(m))).Distinct().ToList();
        await api.Store.Outbox.MarkSentAsync(sent, ApiServer.Now);

        Assert.Equal(Keys(pending.Except(sent)), Keys(await api.Store.Outbox.PendingAtAsync(addresses)));

        static List<string> Keys(IEnumerable<OutboxEntity> messages) => [.. messages.Select(m => $"{m.PartitionKey}/{m.RowKey}/{m.Kind}").Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task A_person_registering_again_in_a_later_edition_gets_a_message_id_of_its_own()
    {
        // The same session id, the same address and the same secret: only the moment differs, as in a table
        // set up again for next year, or a staging copy. A mail store that has seen a Message-ID drops a second
        // message carrying it.
        var email = Address();
        var ids = new List<string>();
        foreach (var day in new[] { ApiServer.Now, ApiServer.Now.AddDays(1) })
        {
            var table = ApiServer.NewTableName();
            await using var api = await ApiServer.StartAsync(azurite.Server, Sessions, settings: Settings(table, relay: false), sendsMail: true, now: day);
            await api.RegisterAsync(ApiServer.Person(email, "later"));
            var row = Assert.Single(await api.Store.Outbox.PendingBeforeAsync(DateTimeOffset.MaxValue));
            var dispatcher = api.Services.GetRequiredService<MailDispatcher>();
            ids.Add((await dispatcher.ComposeAsync([row], CancellationToken.None))!.MessageId);
            Assert.Equal(ids[^1], (await dispatcher.ComposeAsync(await api.Store.Outbox.PendingBeforeAsync(DateTimeOffset.MaxValue), CancellationToken.None))!.MessageId);
        }

        Assert.NotEqual(ids[0], ids[1]);
    }

    [Fact]
    public async Task Marking_messages_sent_when_one_of_their_rows_was_deleted_meanwhile_marks_the_others()
    {
        var table = ApiServer.NewTableName();
        await using var api = await ApiServer.StartAsync(azurite.Server, Sessions, settings: Settings(table, relay: false), sendsMail: true);
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await api.RegisterAsync(ApiServer.Person(Address(), "later"));
        }

        var pending = await api.Store.Outbox.PendingBeforeAsync(DateTimeOffset.MaxValue);
        await api.Store.Table.DeleteEntityAsync(pending[0].PartitionKey, pending[0].RowKey);

        await api.Store.Outbox.MarkSentAsync(pending, ApiServer.Now);

        Assert.Equal(3, pending.Count);
        Assert.Empty(await api.Store.Outbox.PendingBeforeAsync(DateTimeOffset.MaxValue));
    }

    [Fact]
    public async Task The_azure_dispatch_function_sends_what_its_queue_message_names()
    {
        var table = ApiServer.NewTableName();
        await using var api = await ApiServer.StartAsync(azurite.Server, Sessions, settings: Settings(table));
        var email = Address();
        await api.RegisterAsync(ApiServer.Person(email, "later"));
        var row = Assert.Single(await api.Store.Outbox.PendingBeforeAsync(DateTimeOffset.MaxValue));

        var function = new MailFunctions(api.Services.GetRequiredService<MailDispatcher>(), api.Services.GetRequiredService<Sweeps>(), NullLogger<MailFunctions>.Instance);
        await function.Dispatch(System.Text.Json.JsonSerializer.Serialize(new[] { OutboxRows.Address(row) }), CancellationToken.None);

        Assert.Equal(["later"], (await catcher.Inbox.WaitForAsync(email)).Links.Where(l => l.Contains("/programme/", StringComparison.Ordinal)).Select(l => l.Split('/')[^2]));
        Assert.Empty(await api.Store.Outbox.PendingBeforeAsync(DateTimeOffset.MaxValue));
    }

    [Fact]
    public async Task A_reminder_reaches_each_confirmed_attendee_once_however_many_sweeps_run()
    {
        var clock = new TestClock(ApiServer.Now);
        await using var api = await ApiServer.StartAsync(azurite.Server, Sessions, settings: Settings(), clock: clock);
        var email = Address();
        var booking = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(email, "later")));
        await api.Client.PostAsJsonAsync($"/api/registrations/{booking.GetProperty("manageToken").GetString()}/confirm", new { code = api.Services.GetRequiredService<BookingSecrets>().CodeFor(booking.GetProperty("bookingId").GetString()!) });

        clock.Set(DateTimeOffset.Parse("2025-02-07T17:00:00+01:00"));
        var sweeps = api.Services.GetRequiredService<Sweeps>();
        await sweeps.RunAsync(starting: true);
        await sweeps.RunAsync(starting: true);

        // Two messages in all: the confirmation and one reminder with the calendar file. (The request to confirm,
        // sent first by this sweep, found nothing left to confirm and was dropped: it would only mislead.)
        await catcher.Inbox.WaitForAsync(email, m => m.Subject.StartsWith("Rappel", StringComparison.Ordinal));
        var mails = (await catcher.Inbox.ListAsync()).Where(m => m.To.Contains(email)).ToList();
        Assert.Equal(2, mails.Count);
        var reminder = await catcher.Inbox.ReadAsync(Assert.Single(mails, m => m.Subject.StartsWith("Rappel", StringComparison.Ordinal)).Id);
        Assert.Equal("later.ics", Assert.Single(reminder.Attachments).FileName);
        Assert.Contains(reminder.Links, l => l.Contains("/sessions/later/give-back?", StringComparison.Ordinal));
    }

    /// <summary>Opens an e-mail's link (on the API, whatever site address it names) and presses the page's button, as a browser without JavaScript would.</summary>
    private static async Task<HttpResponseMessage> PressTheButtonAsync(ApiServer api, string link)
    {
        var page = await api.Client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync()).QuerySelector("main form[method=post]")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""));
        using var post = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Origin", ApiServer.SiteUrl.TrimEnd('/'));

        // The answer itself, not the page it leads to.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.Client.BaseAddress };
        return await browser.SendAsync(post);
    }

    private static string Address() => $"c.{Guid.NewGuid():N}@example.org";
}
