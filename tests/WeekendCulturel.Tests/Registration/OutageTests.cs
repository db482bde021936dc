using System.Net;
using WeekendCulturel.Registration.Storage;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>Storage taken away in the middle of a run: 503s, then nothing torn once it is back.</summary>
[Collection(AzuriteAloneCollection.Name)]
public sealed class OutageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Azurite_stopped_during_a_run_gives_503_and_leaves_every_registration_whole()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var retryAfter = new System.Collections.Concurrent.ConcurrentBag<bool>();

        var run = Task.WhenAll(Enumerable.Range(0, 120).Select(async i =>
        {
            await Task.Delay(i * 15);
            var response = await api.RegisterAsync(ApiServer.Person(i, "rush", "small"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                retryAfter.Add(response.Headers.RetryAfter is not null && response.Content.Headers.ContentType!.MediaType == "application/problem+json");
            }
        }));
        // Take storage away once the run is well under way.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (statuses.Count(s => s == HttpStatusCode.Created) < 15 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        await azurite.Server.StopAsync();
        await Task.Delay(300);
        var during = await api.Client.GetAsync("/api/sessions");
        await run;
        await azurite.Server.RestartAsync();

        var histogram = string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Key}={g.Count()}"));
        Assert.True(statuses.Contains(HttpStatusCode.ServiceUnavailable) && statuses.Contains(HttpStatusCode.Created), histogram);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.Contains(HttpStatusCode.Created, statuses);
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, statuses);
        Assert.All(retryAfter, Assert.True);

        // Every stored registration is whole, and each counter matches its registrations.
        foreach (var session in new[] { "rush", "small" })
        {
            var entities = await api.Store.PersonalData.RegistrationsAsync(session);

            Assert.All(entities, e =>
            {
                Assert.StartsWith("b_", e.BookingId, StringComparison.Ordinal);
                Assert.Contains(e.Status, new[] { "Confirmed", "Waitlisted" });
                Assert.False(string.IsNullOrEmpty(e.FirstName));
                Assert.False(string.IsNullOrEmpty(e.LastName));
                Assert.Contains('@', e.Email);
            });
            var counter = (await api.Store.Seats.CountsAsync(session))!.Value;
            Assert.Equal(entities.Count(e => e.Status == "Confirmed"), counter.Confirmed);
            Assert.Equal(entities.Count(e => e.Status == "Waitlisted"), counter.Waiting);
            Assert.True(counter.Confirmed <= counter.Capacity);
        }

        // And registration works again.
        Assert.Equal(HttpStatusCode.Created, (await api.RegisterAsync(ApiServer.Person(999, "rush"))).StatusCode);
    }
}
