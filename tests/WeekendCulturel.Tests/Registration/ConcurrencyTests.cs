using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Storage;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>Many requests at once: never overbooked, positions strictly ordered, one person's requests in turn.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConcurrencyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Three_hundred_at_once_for_25_seats_then_100_cancellations()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);

        var replies = await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            var response = await api.RegisterAsync(ApiServer.Person(i, "rush"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (Person: i, Body: await ApiServer.JsonAsync(response));
        }));

        var results = replies.Select(r => (r.Person, Token: r.Body.GetProperty("manageToken").GetString()!, Result: r.Body.GetProperty("results")[0])).ToList();
        Assert.Equal(25, results.Count(r => r.Result.GetProperty("status").GetString() == "confirmed"));
        var positions = results.Where(r => r.Result.GetProperty("status").GetString() == "waitlisted").Select(r => r.Result.GetProperty("position").GetInt32()).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 275), positions);
        await AssertConsistent(api, "rush", confirmed: 25, waiting: 275);

        // 100 cancellations at once: 20 confirmed people and 80 waiting ones.
        var byPosition = results.ToDictionary(r => r.Person, r => r.Result.TryGetProperty("position", out var p) ? p.GetInt32() : 0);
        var confirmedPeople = results.Where(r => byPosition[r.Person] == 0).Take(20).ToList();
        var waitingPeople = results.Where(r => byPosition[r.Person] > 0).OrderBy(r => byPosition[r.Person]).Where((_, i) => i % 2 == 1).Take(80).ToList();
        var cancelled = confirmedPeople.Concat(waitingPeople).ToList();
        var answers = await Task.WhenAll(cancelled.Select(c => api.Client.DeleteAsync($"/api/registrations/{c.Token}")));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));

        await AssertConsistent(api, "rush", confirmed: 25, waiting: 275 - 80 - 20);

        // The 20 freed seats went to the first 20 people still waiting, in their order.
        var cancelledPeople = cancelled.Select(c => c.Person).ToHashSet();
        var stillWaitingInOrder = results.Where(r => byPosition[r.Person] > 0 && !cancelledPeople.Contains(r.Person)).OrderBy(r => byPosition[r.Person]).ToList();
        var statuses = await Task.WhenAll(stillWaitingInOrder.Select(async r => (await ApiServer.JsonAsync(await api.Client.GetAsync($"/api/registrations/{r.Token}"))).GetProperty("results")[0]));
        Assert.All(statuses.Take(20), s => Assert.Equal("confirmed", s.GetProperty("status").GetString()));
        Assert.Equal(Enumerable.Range(1, statuses.Length - 20), statuses.Skip(20).Select(s => s.GetProperty("position").GetInt32()));
    }

    [Fact]
    public async Task The_same_registration_twenty_times_at_once_takes_one_seat()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.RegisterAsync(ApiServer.Person(42, "small", "rush"))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        await AssertConsistent(api, "small", confirmed: 1, waiting: 0);
        await AssertConsistent(api, "rush", confirmed: 1, waiting: 0);
    }

    [Fact]
    public async Task Two_requests_of_one_person_at_once_for_overlapping_sessions_confirm_one_seat()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);

        // Each person sends both at the same instant: whichever is decided second must see the first one's seat.
        var people = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var answers = await Task.WhenAll(api.RegisterAsync(ApiServer.Person(i, "rush")), api.RegisterAsync(ApiServer.Person(i, "overlapping")));
            return await Task.WhenAll(answers.Select(async a => (await ApiServer.JsonAsync(a)).GetProperty("results")[0]));
        }));

        Assert.All(people, results =>
        {
            Assert.Single(results, r => r.GetProperty("status").GetString() == "confirmed");
            Assert.Single(results, r => r.GetProperty("status").GetString() == "rejected" && r.GetProperty("reason").GetString() == "conflict");
        });
        var rush = (await api.Store.Seats.CountsAsync("rush"))!.Value.Confirmed;
        var overlapping = (await api.Store.Seats.CountsAsync("overlapping"))!.Value.Confirmed;
        Assert.Equal(20, rush + overlapping);
        Assert.Equal(0, api.Services.GetRequiredService<RegistrationService>().PeopleInTurn);
    }

    [Fact]
    public async Task Three_hundred_unverified_at_once_for_25_seats_get_25_held_and_275_waiting_each_with_the_message_of_its_own_transaction()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard, settings: new Dictionary<string, string?> { ["Registration:ConfirmByEmail"] = "true" });

        var statuses = await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            var response = await api.RegisterAsync(ApiServer.Person(i, "rush"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await ApiServer.JsonAsync(response)).GetProperty("results")[0].GetProperty("status").GetString();
        }));

        Assert.Equal(25, statuses.Count(s => s == "held"));
        Assert.Equal(275, statuses.Count(s => s == "waitlisted"));
        var counter = (await api.Store.Seats.CountsAsync("rush"))!.Value;
        Assert.Equal(new SeatCounts(25, 0, 275, 25), counter);
        var messages = await OutboxMessages.AllAsync(api.Store.Table, "rush");

        // One message per person, carried by the row the transaction that took their seat wrote: no request of its own.
        Assert.Equal(300, messages.Select(m => m.EmailHash).Distinct().Count());
        Assert.All(messages, m => Assert.True(OutboxRows.IsCarried(m)));
        Assert.True(api.Store.Seats.SeatTransactions < 300, $"{api.Store.Seats.SeatTransactions} seat transactions for 300 people: registrations no longer share them");
    }

    /// <summary>The counter says what the registrations say, and no more people are confirmed than there are seats.</summary>
    internal static async Task AssertConsistent(ApiServer api, string session, int confirmed, int waiting)
    {
        var entities = await api.Store.PersonalData.RegistrationsAsync(session);

        var counter = (await api.Store.Seats.CountsAsync(session))!.Value;
        Assert.Equal(confirmed, entities.Count(e => e.Status == "Confirmed"));
        Assert.Equal(waiting, entities.Count(e => e.Status == "Waitlisted"));
        Assert.Equal(confirmed, counter.Confirmed);
        Assert.Equal(waiting, counter.Waiting);
        Assert.True(counter.Confirmed <= counter.Capacity);
        var sequences = entities.Where(e => e.Status == "Waitlisted").Select(e => e.Sequence).ToList();
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
    }
}
