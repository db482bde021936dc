using Azure.Data.Tables;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Storage;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// A session's calendar files go from the manifest into storage and back into the catalogue the e-mails read,
/// and a sync that finds them unchanged writes nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CatalogueCalendarTests(AzuriteFixture azurite)
{
    private static SessionDefinition WithCalendars(SessionDefinition session, int length = 0) => session with
    {
        Calendars = new SessionCalendars(
            $"BEGIN:VCALENDAR\r\nUID:{session.Id}@example.org\r\nSUMMARY:Séance «\u00a0{session.Id}\u00a0»\r\n{new string('x', length)}END:VCALENDAR\r\n",
            $"BEGIN:VCALENDAR\r\nUID:{session.Id}@example.org\r\nSUMMARY:Session “{session.Id}”\r\nEND:VCALENDAR\r\n"),
    };

    [Fact]
    public async Task Calendars_are_stored_read_back_and_a_second_sync_leaves_the_sessions_alone()
    {
        var sessions = new[] { WithCalendars(TestSessions.Session("with-calendar", 10)), TestSessions.Session("without-calendar", 10), WithCalendars(TestSessions.Session("huge-calendar", 10), length: 40_000) };
        var manifest = new RegistrationManifest(new DateOnly(2025, 2, 9), sessions, TestSessions.Site);
        await using var api = await ApiServer.StartAsync(azurite.Server, manifest);

        var stored = (await api.Store.Catalogue.SessionsAsync()).ToDictionary(s => s.Id);
        Assert.Equal(sessions[0].Calendars, stored["with-calendar"].Calendars);
        Assert.Equal(sessions[0], stored["with-calendar"]);
        Assert.Null(stored["without-calendar"].Calendars);

        // Too long for a table's text: kept out of storage, so an e-mail attaches nothing for it.
        Assert.Null(stored["huge-calendar"].Calendars);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(sessions[0].Calendars!.Fr), stored["with-calendar"].CalendarFileFor("fr")!.Content);

        var before = await ETagsAsync(api);
        await CatalogueSync.SyncAsync(api.Store, manifest, new Dictionary<string, string>(), ApiServer.Now);
        Assert.Equal(before, await ETagsAsync(api));

        // A changed calendar is a changed session.
        var edited = manifest with { Sessions = [sessions[0] with { Calendars = sessions[0].Calendars! with { En = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" } }, sessions[1], sessions[2]] };
        await CatalogueSync.SyncAsync(api.Store, edited, new Dictionary<string, string>(), ApiServer.Now);
        var after = await ETagsAsync(api);
        Assert.NotEqual(before["with-calendar"], after["with-calendar"]);
        Assert.Equal(before["without-calendar"], after["without-calendar"]);
        Assert.Equal("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", (await api.Store.Catalogue.SessionsAsync()).Single(s => s.Id == "with-calendar").Calendars!.En);
    }

    private static async Task<Dictionary<string, string>> ETagsAsync(ApiServer api)
    {
        var tags = new Dictionary<string, string>();
        await foreach (var e in api.Store.Table.QueryAsync<TableEntity>(x => x.PartitionKey == TableKeys.Sessions))
        {
            tags[e.RowKey] = e.ETag.ToString();
        }

        return tags;
    }
}
