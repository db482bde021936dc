using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WeekendCulturel.Registration;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Storage;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// A registration takes two round trips to storage: the booking with the person's marker, then the seat on
/// the counter the store holds in memory, with an insert that conflicts when the person is there already.
/// These tests change storage behind the API's back, as another instance would, or write what older
/// versions wrote, and check that nothing is overbooked, refused wrongly, missed or counted twice.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RoundTripTests(AzuriteFixture azurite)
{
    private static readonly SessionDefinition Small = TestSessions.Standard.Single(s => s.Id == "small");
    private static readonly SessionDefinition NoWaitlist = TestSessions.Standard.Single(s => s.Id == "no-waitlist");
    private static readonly SessionDefinition Rush = TestSessions.Standard.Single(s => s.Id == "rush");
    private static readonly SessionDefinition Overlapping = TestSessions.Standard.Single(s => s.Id == "overlapping");

    [Fact]
    public async Task A_counter_changed_by_another_instance_is_read_again_and_the_seat_goes_to_the_waiting_list()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        await api.RegisterAsync(ApiServer.Person(1, "small"));
        var other = OtherInstance(api);

        // The other instance takes the last seat; this one still holds the counter with one seat free.
        var (taken, _, _) = await other.Seats.RegisterAsync(Small, Applicant(2), Hash(api, 2), "b_other", ApiServer.Now);
        Assert.Equal(OutcomeStatus.Confirmed, taken.Status);
        var third = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(3, "small")));

        var result = third.GetProperty("results")[0];
        Assert.Equal("waitlisted", result.GetProperty("status").GetString());
        Assert.Equal(1, result.GetProperty("position").GetInt32());
        await ConcurrencyTests.AssertConsistent(api, "small", confirmed: 2, waiting: 1);
    }

    [Fact]
    public async Task A_full_counter_held_in_memory_is_read_again_before_refusing()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        await api.RegisterAsync(ApiServer.Person(1, "no-waitlist"));

        // Another instance (a sync after publication) raises the capacity; this one holds the counter as full.
        await OtherInstance(api).Seats.SetCapacityAsync(NoWaitlist with { Capacity = 2 }, [], ApiServer.Now);
        var second = await api.RegisterAsync(ApiServer.Person(2, "no-waitlist"));

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("confirmed", (await ApiServer.JsonAsync(second)).GetProperty("results")[0].GetProperty("status").GetString());
        await ConcurrencyTests.AssertConsistent(api, "no-waitlist", confirmed: 2, waiting: 0);
    }

    [Fact]
    public async Task Someone_registered_through_another_instance_is_told_what_they_hold_and_takes_no_second_seat()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        await api.RegisterAsync(ApiServer.Person(1, "small"));
        await OtherInstance(api).Seats.RegisterAsync(Small, Applicant(5), Hash(api, 5), "b_other", ApiServer.Now);

        var again = await api.RegisterAsync(ApiServer.Person(5, "small"));

        // The answer says no more than the request made: the seat is the address's, and its links go to it by e-mail.
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await ApiServer.JsonAsync(again);
        Assert.Equal("registered", body.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.False(body.TryGetProperty("manageToken", out _));
        await ConcurrencyTests.AssertConsistent(api, "small", confirmed: 2, waiting: 0);
    }

    [Fact]
    public async Task A_cancelled_registration_can_be_made_again()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var first = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(1, "small")));
        await api.RegisterAsync(ApiServer.Person(2, "small"));
        await api.Client.DeleteAsync($"/api/registrations/{first.GetProperty("manageToken").GetString()}");

        var again = await api.RegisterAsync(ApiServer.Person(1, "small"));
        var third = await api.RegisterAsync(ApiServer.Person(3, "small"));

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("confirmed", (await ApiServer.JsonAsync(again)).GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal(1, (await ApiServer.JsonAsync(third)).GetProperty("results")[0].GetProperty("position").GetInt32());
        await ConcurrencyTests.AssertConsistent(api, "small", confirmed: 2, waiting: 1);
    }

    [Fact]
    public async Task Seats_held_in_two_overlapping_sessions_are_reported_not_refused_as_a_conflict()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        await api.RegisterAsync(ApiServer.Person(8, "overlapping"));

        // As after a promotion from a waiting list: confirmed in a second session that overlaps the first.
        await api.Store.Seats.RegisterAsync(Rush, Applicant(8), Hash(api, 8), "b_promoted", ApiServer.Now);
        var again = await api.RegisterAsync(ApiServer.Person(8, "rush", "overlapping"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.All((await ApiServer.JsonAsync(again)).GetProperty("results").EnumerateArray(), r => Assert.Equal("registered", r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Someone_new_asking_for_two_overlapping_sessions_at_once_gets_the_second_refused()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);

        var response = await api.RegisterAsync(ApiServer.Person(9, "rush", "overlapping", "small"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var results = (await ApiServer.JsonAsync(response)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("confirmed", results[0].GetProperty("status").GetString());
        Assert.Equal("conflict", results[1].GetProperty("reason").GetString());
        Assert.Equal("confirmed", results[2].GetProperty("status").GetString());
        await ConcurrencyTests.AssertConsistent(api, "overlapping", confirmed: 0, waiting: 0);
    }

    [Fact]
    public async Task The_first_booking_marks_the_person_and_shares_their_partition()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var hash = Hash(api, 1);
        var token = ManageToken.NewFor(hash);
        var tokenHash = ManageToken.Hash(token);
        var booking = new BookingEntity { PartitionKey = BookingEntity.PartitionFor(tokenHash), RowKey = tokenHash, BookingId = ManageToken.NewBookingId(), EmailHash = hash, Sessions = "small", FirstName = "Camille", Email = "camille.martin.1@example.org" };

        Assert.True(ManageToken.IsWellFormed(token));
        Assert.Equal(PersonEntity.PartitionFor(hash), BookingEntity.PartitionFor(tokenHash));
        Assert.True(await api.Store.Bookings.CreateBookingAsync(booking));
        Assert.False(await api.Store.Bookings.CreateBookingAsync(booking));
        Assert.NotNull(await api.Store.Bookings.FindBookingAsync(tokenHash));
        var marker = await api.Store.Table.GetEntityIfExistsAsync<PersonEntity>(PersonEntity.PartitionFor(hash), PersonEntity.RowFor(hash));
        Assert.True(marker.HasValue);
    }

    [Fact]
    public async Task Tokens_drawn_for_a_person_are_distinct_and_fit_their_partition()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var tokens = Enumerable.Range(0, 50).Select(i => (Hash: Hash(api, i), Token: ManageToken.NewFor(Hash(api, i)))).ToList();

        Assert.All(tokens, t => Assert.Equal(PersonEntity.PartitionFor(t.Hash), BookingEntity.PartitionFor(ManageToken.Hash(t.Token))));
        Assert.All(tokens, t => Assert.True(ManageToken.IsWellFormed(t.Token)));
        Assert.Equal(tokens.Count, tokens.Select(t => t.Token).Distinct().Count());
    }

    [Fact]
    public async Task A_booking_insert_sent_twice_after_a_lost_answer_is_not_an_error()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var token = ManageToken.Hash(ManageToken.New());
        var booking = new BookingEntity { PartitionKey = BookingEntity.PartitionFor(token), RowKey = token, BookingId = ManageToken.NewBookingId(), EmailHash = Hash(api, 1), Sessions = "small", FirstName = "Camille", Email = "camille.martin.1@example.org" };

        await api.Store.Bookings.CreateBookingAsync(booking);
        await api.Store.Bookings.CreateBookingAsync(booking);

        Assert.NotNull(await api.Store.Bookings.FindBookingAsync(token));
    }

    /// <summary>A second store on the same table: another instance of the API, with its own memory.</summary>
    private static RegistrationStore OtherInstance(ApiServer api) => new(api.Services.GetRequiredService<RegistrationOptions>());

    private static string Hash(ApiServer api, int person) => api.Services.GetRequiredService<EmailIdentity>().Hash($"camille.martin.{person}@example.org");

    private static Applicant Applicant(int person) => new("Camille", $"Martin-{person}", $"camille.martin.{person}@example.org", "", "fr", AcceptWaitlist: true);
}
