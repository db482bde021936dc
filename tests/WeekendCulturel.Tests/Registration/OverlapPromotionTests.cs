using System.Net;
using WeekendCulturel.Generator.Registration;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// Someone waiting for a session who holds a seat in another session at the same time is passed over when a
/// seat frees, keeps their place, and the next person waiting gets the seat: whether the seat was freed by a
/// cancellation or added by <c>registrations sync</c>.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class OverlapPromotionTests(AzuriteFixture azurite)
{
    // "first" has one seat; "other" overlaps it by half an hour.
    private static readonly IReadOnlyList<SessionDefinition> Sessions =
    [
        TestSessions.Session("first", 1),
        TestSessions.Session("other", 10, start: "2025-02-08T10:30:00+01:00", end: "2025-02-08T11:30:00+01:00"),
    ];

    [Fact]
    public async Task A_seat_freed_by_a_cancellation_passes_over_someone_seated_in_an_overlapping_session()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, Sessions);
        var (holder, seated, next) = await FillAsync(api);

        var cancelled = await api.Client.DeleteAsync($"/api/registrations/{holder}");

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        await AssertPassedOverAsync(api, seated, next);
    }

    [Fact]
    public async Task A_seat_added_by_a_sync_passes_over_someone_seated_in_an_overlapping_session()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, Sessions);
        var (_, seated, next) = await FillAsync(api);

        var manifest = new RegistrationManifest(new DateOnly(2025, 2, 9), [Sessions[0] with { Capacity = 2 }, Sessions[1]], TestSessions.Site);
        var report = await CatalogueSync.SyncAsync(api.Store, manifest, new Dictionary<string, string>(), ApiServer.Now);

        Assert.Contains("first: capacity raised from 1 to 2; 1 promoted from the waiting list", report);
        await AssertPassedOverAsync(api, seated, next);
    }

    /// <summary>
    /// Person 1 holds the only seat of "first"; person 2 waits for it (position 1), then takes a seat in
    /// "other" (allowed: waiting is not a seat); person 3 waits behind them. Returns their tokens.
    /// </summary>
    private static async Task<(string Holder, string Seated, string Next)> FillAsync(ApiServer api)
    {
        var holder = await TokenAsync(api.RegisterAsync(ApiServer.Person(1, "first")));
        var seated = await TokenAsync(api.RegisterAsync(ApiServer.Person(2, "first")));
        var next = await TokenAsync(api.RegisterAsync(ApiServer.Person(3, "first")));
        var elsewhere = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(2, "other")));
        Assert.Equal("confirmed", elsewhere.GetProperty("results")[0].GetProperty("status").GetString());
        return (holder, seated, next);
    }

    private static async Task AssertPassedOverAsync(ApiServer api, string seated, string next)
    {
        var passedOver = (await ApiServer.JsonAsync(await api.Client.GetAsync($"/api/registrations/{seated}"))).GetProperty("results")[0];
        var promoted = (await ApiServer.JsonAsync(await api.Client.GetAsync($"/api/registrations/{next}"))).GetProperty("results")[0];
        Assert.Equal("waitlisted", passedOver.GetProperty("status").GetString());
        Assert.Equal(1, passedOver.GetProperty("position").GetInt32());
        Assert.Equal("confirmed", promoted.GetProperty("status").GetString());
        var first = await api.Store.PersonalData.RegistrationsAsync("first");
        Assert.Equal(1, first.Count(e => e.Status == "Waitlisted"));
        Assert.Equal(1, (await api.Store.Seats.CountsAsync("other"))!.Value.Confirmed);
    }

    private static async Task<string> TokenAsync(Task<HttpResponseMessage> response) =>
        (await ApiServer.JsonAsync(await response)).GetProperty("manageToken").GetString()!;
}
