using System.Diagnostics;
using System.Net;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// <c>GET /api/sessions</c> answers from a snapshot of the counters that one caller at a time refreshes, at
/// most every 2 seconds: page loads at opening time must not compete with registrations for storage.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LiveCountsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Sixteen_pollers_for_three_seconds_read_the_counters_at_most_once_per_two_seconds()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var before = api.Store.Requests;
        var clock = Stopwatch.StartNew();

        var calls = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            var n = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(3))
            {
                using var response = await api.Client.GetAsync("/api/sessions");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                n++;
            }

            return n;
        }));
        var elapsed = clock.Elapsed;

        // A refresh reads each session's counter, and the catalogue at most once besides.
        var requests = api.Store.Requests - before;
        var refreshes = (int)(elapsed / TimeSpan.FromSeconds(2)) + 1;
        Assert.True(requests <= refreshes * (TestSessions.Standard.Count + 1), $"{requests} storage requests for {calls.Sum()} calls in {elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task The_sessions_may_be_cached_five_seconds_by_anyone()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);

        var response = await api.Client.GetAsync("/api/sessions");

        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.CacheControl.MaxAge);
    }

    [Fact]
    public async Task A_registration_made_by_this_instance_shows_at_once()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        await api.Client.GetAsync("/api/sessions");

        await api.RegisterAsync(ApiServer.Person(1, "small"));
        var after = await ApiServer.JsonAsync(await api.Client.GetAsync("/api/sessions"));

        var small = after.GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "small");
        Assert.Equal((1, 1), (small.GetProperty("confirmed").GetInt32(), small.GetProperty("remaining").GetInt32()));
    }
}
