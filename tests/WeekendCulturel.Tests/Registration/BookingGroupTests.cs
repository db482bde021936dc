using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Storage;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// A person's first booking is their marker: one insert. Bookings that wait for the same partition's gate are
/// written together, each as its person's marker, in one transaction. These tests send bookings straight to
/// the store, many at once for people whose markers share one partition, and check what each costs, that
/// the transactions were shared, and that each answer (new person or not) is right.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BookingGroupTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Sixty_new_people_of_one_partition_share_transactions_and_each_is_marked()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var people = SamePartition(api, 60);

        var bookings = people.Select(NewBooking).ToList();
        var firstSeen = await Task.WhenAll(bookings.Select(b => api.Store.Bookings.CreateBookingAsync(b)));

        Assert.True(api.Store.Bookings.BookingTransactions <= 10, $"{api.Store.Bookings.BookingTransactions} transactions for 60 bookings");
        Assert.All(firstSeen, Assert.True);
        foreach (var booking in bookings)
        {
            Assert.Equal(booking.BookingId, (await api.Store.Bookings.FindBookingAsync(booking.RowKey))?.BookingId);
            Assert.True((await api.Store.Table.GetEntityIfExistsAsync<PersonEntity>(booking.PartitionKey, PersonEntity.RowFor(booking.EmailHash))).HasValue);
        }
    }

    [Fact]
    public async Task Someone_seen_before_in_a_shared_transaction_is_told_so_and_the_others_are_new()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var people = SamePartition(api, 21);
        var known = people[10];
        Assert.True(await api.Store.Bookings.CreateBookingAsync(NewBooking(known)));
        var before = api.Store.Bookings.BookingTransactions;

        // The known person's marker exists: a transaction holding it writes nothing, storage names that
        // action, and the person's booking is written alone while the others go again together.
        var bookings = people.Select(NewBooking).ToList();
        var firstSeen = await Task.WhenAll(bookings.Select(b => api.Store.Bookings.CreateBookingAsync(b)));

        Assert.False(firstSeen[10]);
        Assert.All(firstSeen.Where((_, i) => i != 10), Assert.True);
        Assert.True(api.Store.Bookings.BookingTransactions - before < 10, $"{api.Store.Bookings.BookingTransactions - before} transactions for 21 bookings");
        foreach (var booking in bookings)
        {
            Assert.Equal(booking.BookingId, (await api.Store.Bookings.FindBookingAsync(booking.RowKey))?.BookingId);
        }
    }

    [Fact]
    public async Task A_first_booking_is_one_insert_and_the_marker_row_holds_it()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var person = SamePartition(api, 1)[0];
        var booking = NewBooking(person);

        Assert.True(await api.Store.Bookings.CreateBookingAsync(booking));

        Assert.Equal(1, api.Store.Bookings.BookingTransactions);
        var marker = await api.Store.Table.GetEntityAsync<BookingEntity>(booking.PartitionKey, PersonEntity.RowFor(person));
        Assert.Equal(booking.BookingId, marker.Value.BookingId);
        Assert.Equal(booking.RowKey, marker.Value.TokenHash);
        Assert.False((await api.Store.Table.GetEntityIfExistsAsync<BookingEntity>(booking.PartitionKey, booking.RowKey)).HasValue);
        Assert.Equal(booking.BookingId, (await api.Store.Bookings.FindBookingAsync(booking.RowKey))?.BookingId);

        // A second booking of the same person finds the marker and is written under its token's hash.
        var second = NewBooking(person);
        Assert.False(await api.Store.Bookings.CreateBookingAsync(second));
        Assert.Equal(second.BookingId, (await api.Store.Bookings.FindBookingAsync(second.RowKey))?.BookingId);
        Assert.Equal(booking.BookingId, (await api.Store.Bookings.FindBookingAsync(booking.RowKey))?.BookingId);

        // Known with its person (as a message names it), each is found by point reads: the marker, then the token's row.
        var before = api.Store.Requests;
        Assert.Equal(booking.BookingId, (await api.Store.Bookings.FindBookingAsync(booking.RowKey, person))?.BookingId);
        Assert.Equal(1, api.Store.Requests - before);
        Assert.Equal(second.BookingId, (await api.Store.Bookings.FindBookingAsync(second.RowKey, person))?.BookingId);
        Assert.Equal(3, api.Store.Requests - before);
        Assert.Null(await api.Store.Bookings.FindBookingAsync(ManageToken.Hash(ManageToken.NewFor(person)), person));
    }

    [Fact]
    public async Task Bookings_and_markers_written_before_markers_held_bookings_still_work()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var person = SamePartition(api, 1)[0];
        var old = NewBooking(person);

        // The former layout: the booking under its token's hash with no TokenHash, and a marker that holds a date.
        await api.Store.Table.AddEntityAsync(new TableEntity(old.PartitionKey, old.RowKey)
        {
            ["BookingId"] = old.BookingId, ["EmailHash"] = person, ["Sessions"] = "small", ["FirstName"] = "Camille",
            ["Email"] = "camille.martin@example.org", ["Lang"] = "fr", ["CreatedAt"] = ApiServer.Now,
        });
        await api.Store.Table.AddEntityAsync(new PersonEntity { PartitionKey = old.PartitionKey, RowKey = PersonEntity.RowFor(person), FirstSeen = ApiServer.Now });

        Assert.Equal(old.BookingId, (await api.Store.Bookings.FindBookingAsync(old.RowKey))?.BookingId);
        var next = NewBooking(person);
        Assert.False(await api.Store.Bookings.CreateBookingAsync(next));
        Assert.Equal(next.BookingId, (await api.Store.Bookings.FindBookingAsync(next.RowKey))?.BookingId);
        Assert.Null(await api.Store.Bookings.FindBookingAsync(ManageToken.Hash(ManageToken.NewFor(person))));
        Assert.Equal(old.BookingId, (await api.Store.Bookings.FindBookingAsync(old.RowKey, person))?.BookingId);
        Assert.Equal(next.BookingId, (await api.Store.Bookings.FindBookingAsync(next.RowKey, person))?.BookingId);
    }

    /// <summary>Email hashes of <paramref name="count"/> people whose markers share one partition.</summary>
    private static List<string> SamePartition(ApiServer api, int count)
    {
        var emails = api.Services.GetRequiredService<EmailIdentity>();
        var hashes = Enumerable.Range(0, 400 * count).Select(i => emails.Hash($"camille.martin.{i}@example.org"));
        return hashes.GroupBy(PersonEntity.PartitionFor).First(g => g.Count() >= count).Take(count).ToList();
    }

    private static BookingEntity NewBooking(string emailHash)
    {
        var tokenHash = ManageToken.Hash(ManageToken.NewFor(emailHash));
        return new BookingEntity
        {
            PartitionKey = BookingEntity.PartitionFor(tokenHash),
            RowKey = tokenHash,
            BookingId = ManageToken.NewBookingId(),
            EmailHash = emailHash,
            Sessions = "small",
            FirstName = "Camille",
            Email = "camille.martin@example.org",
            CreatedAt = ApiServer.Now,
        };
    }
}
