using Microsoft.Extensions.DependencyInjection;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Storage;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// Registrations that wait for the same session's gate are committed together, in one transaction with the
/// counter. These tests send many at once straight to the store (so that they queue) and check that they
/// shared transactions, that every answer matches what was stored, and that what cannot go in a shared
/// transaction (a refusal, someone registered already) is still answered as when alone.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GroupCommitTests(AzuriteFixture azurite)
{
    private static readonly SessionDefinition Rush = TestSessions.Standard.Single(s => s.Id == "rush");

    [Fact]
    public async Task Forty_at_once_share_transactions_and_their_answers_match_storage()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Register(api, i, acceptWaitlist: true)));

        Assert.True(api.Store.Seats.SeatTransactions < 40, $"{api.Store.Seats.SeatTransactions} transactions for 40 registrations");
        Assert.All(answers, a => Assert.True(a.Created));
        Assert.Equal(25, answers.Count(a => a.Outcome.Status == OutcomeStatus.Confirmed));
        Assert.Equal(Enumerable.Range(1, 15), answers.Where(a => a.Outcome.Status == OutcomeStatus.Waitlisted).Select(a => a.Outcome.Position!.Value).Order());
        await ConcurrencyTests.AssertConsistent(api, "rush", confirmed: 25, waiting: 15);

        // Each waiting person was told the rank their stored waiting number has.
        var stored = (await api.Store.PersonalData.RegistrationsAsync("rush")).Where(e => e.Status == "Waitlisted").OrderBy(e => e.Sequence).Select((e, i) => (e.LastName, Rank: i + 1)).ToDictionary(p => p.LastName, p => p.Rank);
        Assert.All(answers.Where(a => a.Outcome.Status == OutcomeStatus.Waitlisted), a => Assert.Equal(stored[$"Martin-{a.Person}"], a.Outcome.Position));
    }

    [Fact]
    public async Task Those_the_waiting_list_cannot_take_are_refused_and_the_others_keep_their_order()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);

        // Odd people do not accept the waiting list: once the 25 seats are gone, they are refused.
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Register(api, i, acceptWaitlist: i % 2 == 0)));

        Assert.Equal(25, answers.Count(a => a.Outcome.Status == OutcomeStatus.Confirmed));
        var waiting = answers.Where(a => a.Outcome.Status == OutcomeStatus.Waitlisted).ToList();
        var refused = answers.Where(a => a.Outcome.Status == OutcomeStatus.Rejected).ToList();
        Assert.Equal(25, waiting.Count + refused.Count);
        Assert.All(waiting, a => Assert.Equal(0, a.Person % 2));
        Assert.All(refused, a => Assert.Equal(((RejectionReason?)RejectionReason.Full, false, 1), (a.Outcome.Reason, a.Created, a.Person % 2)));
        Assert.Equal(Enumerable.Range(1, waiting.Count), waiting.Select(a => a.Outcome.Position!.Value).Order());
        await ConcurrencyTests.AssertConsistent(api, "rush", confirmed: 25, waiting: waiting.Count);
    }

    [Fact]
    public async Task Someone_registered_already_in_a_shared_transaction_gets_what_they_hold_and_the_others_their_seats()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var first = await Register(api, 7, acceptWaitlist: true);

        // Person 7 again among 30 new people: their row exists, so a transaction holding it writes nothing,
        // and everyone in it is then registered alone.
        var answers = await Task.WhenAll(Enumerable.Range(0, 31).Select(i => Register(api, i == 15 ? 7 : 100 + i, acceptWaitlist: true)));

        Assert.True(first.Created);
        var again = answers.Single(a => a.Person == 7);
        Assert.False(again.Created);
        Assert.Equal(OutcomeStatus.Registered, again.Outcome.Status);
        Assert.All(answers.Where(a => a.Person != 7), a => Assert.True(a.Created));
        Assert.Equal(24, answers.Count(a => a.Person != 7 && a.Outcome.Status == OutcomeStatus.Confirmed));
        Assert.Equal(Enumerable.Range(1, 6), answers.Where(a => a.Outcome.Status == OutcomeStatus.Waitlisted).Select(a => a.Outcome.Position!.Value).Order());
        await ConcurrencyTests.AssertConsistent(api, "rush", confirmed: 25, waiting: 6);
    }

    private static async Task<(int Person, SessionOutcome Outcome, bool Created)> Register(ApiServer api, int person, bool acceptWaitlist)
    {
        var email = $"camille.martin.{person}@example.org";
        var hash = api.Services.GetRequiredService<EmailIdentity>().Hash(email);
        var applicant = new Applicant("Camille", $"Martin-{person}", email, "", "fr", acceptWaitlist);
        var (outcome, created, _) = await api.Store.Seats.RegisterAsync(Rush, applicant, hash, ManageToken.NewBookingId(), ApiServer.Now);
        return (person, outcome, created);
    }
}
