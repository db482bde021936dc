using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using WeekendCulturel.Registration.Domain;
using static WeekendCulturel.Registration.Storage.StorageGuard;

namespace WeekendCulturel.Registration.Storage;

/// <summary>
/// Bookings (what a manage token opens) and people's markers, in the booking partitions <c>!b-…</c>. A
/// booking's registrations live in the seat ledger; a booking only names them.
/// </summary>
public sealed class BookingRows(TableClient table, SeatLedger seats)
{
    private readonly TableClient _table = table;

    // Bookings of one partition take turns behind its gate; those waiting for it are written together (see CreateBookingAsync).
    private readonly PartitionGates<PendingBooking> _gates = new();

    private long _bookingTransactions;

    /// <summary>Requests (inserts and transactions) sent to write bookings and markers.</summary>
    public long BookingTransactions => Interlocked.Read(ref _bookingTransactions);

    /// <summary>
    /// Writes a booking. When its token was drawn for the partition of the person's marker
    /// (<see cref="ManageToken.NewFor"/>), the booking is offered as the marker itself: one insert of row
    /// <c>p-{email hash}</c>. True when that insert made the marker: the person holds no registration anywhere,
    /// and nothing needs to be looked up for them. False when they were seen before (the booking is then
    /// written under its token's hash) or the token was not drawn for it.
    /// </summary>
    /// <remarks>
    /// The first booking is the marker itself, not a booking and a marker in one transaction: storage's cost is
    /// per request, and a transaction costs more than an insert (Azurite parses a multipart body and answers each
    /// action), so a newcomer's booking is one insert. Bookings of one partition wait for its gate in a queue, as
    /// registrations to one session do, and the gate holder offers every waiting booking (up to 100 people,
    /// each once) as a marker in one transaction. If someone in it was seen before, their insert fails and
    /// nothing is written: storage names the action that failed, that person's booking is written alone, and
    /// the others try again together. A lone booking is one insert.
    /// </remarks>
    public async Task<bool> CreateBookingAsync(BookingEntity booking, CancellationToken cancellation = default)
    {
        if (booking.PartitionKey != PersonEntity.PartitionFor(booking.EmailHash))
        {
            await Guard(cancellation, () => AddBookingAsync(TokenRow(booking), cancellation));
            return false;
        }

        var mine = new PendingBooking(booking, cancellation);
        await _gates.TakeTurnAsync(booking.PartitionKey, mine, mine.Done.Task, CommitBookingsAsync);
        return await mine.Done.Task;
    }

    /// <summary>A booking waiting for its partition's gate, written by whoever holds the gate first.</summary>
    private sealed record PendingBooking(BookingEntity Booking, CancellationToken Cancellation)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public BookingEntity Marker => StoredAs(Booking, PersonEntity.RowFor(Booking.EmailHash));
    }

    /// <summary>A booking under its token's hash: the row of a booking that is not its person's marker.</summary>
    private static BookingEntity TokenRow(BookingEntity booking) => StoredAs(booking, TokenHashOf(booking));

    private static string TokenHashOf(BookingEntity booking) => booking.TokenHash is { Length: > 0 } hash ? hash : booking.RowKey;

    private static BookingEntity StoredAs(BookingEntity booking, string row) => new()
    {
        PartitionKey = booking.PartitionKey,
        RowKey = row,
        TokenHash = TokenHashOf(booking),
        BookingId = booking.BookingId,
        EmailHash = booking.EmailHash,
        Sessions = booking.Sessions,
        FirstName = booking.FirstName,
        Email = booking.Email,
        Lang = booking.Lang,
        CreatedAt = booking.CreatedAt,
    };

    /// <summary>
    /// With a booking partition's gate held: takes the bookings waiting for it and offers those it can as
    /// markers in one transaction; the others are written one at a time. Each waiting booking gets its answer.
    /// </summary>
    private async Task CommitBookingsAsync(ConcurrentQueue<PendingBooking> queue)
    {
        var group = new List<PendingBooking>();
        var alone = new List<PendingBooking>();
        var people = new HashSet<string>(StringComparer.Ordinal);
        while (group.Count < TableTransactions.MaxActions && queue.TryDequeue(out var next))
        {
            // One marker per person in a transaction: someone's second booking goes after, and finds the marker.
            (people.Add(next.Booking.EmailHash) ? group : alone).Add(next);
        }

        while (group.Count > 1)
        {
            int? refused;
            try
            {
                // Not the token of any one request: the others' bookings must not fail with it.
                refused = await Guard(CancellationToken.None, () => TrySubmitMarkersAsync(group));
            }
            catch (Exception e)
            {
                // Whether the transaction landed is unknown: each member is told, as a booking of its own would be.
                foreach (var pending in group)
                {
                    pending.Done.TrySetException(e);
                }

                group.Clear();
                break;
            }

            if (refused is null)
            {
                foreach (var pending in group)
                {
                    pending.Done.TrySetResult(true);
                }

                group.Clear();
            }
            else if (refused < 0 || refused.Value >= group.Count)
            {
                // Storage did not say which action failed: everyone alone.
                alone.InsertRange(0, group);
                group.Clear();
            }
            else
            {
                // Nothing was written. The member whose marker exists is written alone; the others go again together.
                alone.Add(group[refused.Value]);
                group.RemoveAt(refused.Value);
            }
        }

        alone.InsertRange(0, group);
        foreach (var pending in alone)
        {
            try
            {
                pending.Done.TrySetResult(await Guard(pending.Cancellation, () => CreateBookingAloneAsync(pending)));
            }
            catch (Exception e)
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    /// <summary>
    /// One transaction of bookings offered as markers. Null when it landed; else the index of the action
    /// storage refused (a 409: a marker that exists), or -1 when it did not say.
    /// </summary>
    private async Task<int?> TrySubmitMarkersAsync(List<PendingBooking> group)
    {
        var actions = group.Select(p => new TableTransactionAction(TableTransactionActionType.Add, p.Marker)).ToList();
        Interlocked.Increment(ref _bookingTransactions);
        try
        {
            await _table.SubmitTransactionAsync(actions, CancellationToken.None);
            return null;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return e.FailedTransactionActionIndex ?? -1;
        }
    }

    /// <summary>A booking offered as its person's marker with one insert; if the marker exists, the booking under its token's hash.</summary>
    private async Task<bool> CreateBookingAloneAsync(PendingBooking pending)
    {
        Interlocked.Increment(ref _bookingTransactions);
        try
        {
            await _table.AddEntityAsync(pending.Marker, pending.Cancellation);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Seen before. (Or this very insert landed and its answer was lost before the client's retry: the
            // booking is then stored twice, the same both times, and the person is treated as seen before,
            // which only costs the reads of their overlapping sessions.)
        }

        Interlocked.Increment(ref _bookingTransactions);
        await AddBookingAsync(TokenRow(pending.Booking), pending.Cancellation);
        return false;
    }

    private async Task AddBookingAsync(BookingEntity booking, CancellationToken cancellation)
    {
        try
        {
            await _table.AddEntityAsync(booking, cancellation);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The row key is the hash of 256 fresh random bits: only this very booking can be there already,
            // landed by an attempt whose answer was lost before the client's retry.
        }
    }

    /// <summary>
    /// The booking of a token: in its partition, the row whose key or <see cref="BookingEntity.TokenHash"/> is
    /// the token's hash. One query, read within that partition only (a 256th of the bookings and people).
    /// </summary>
    public Task<BookingEntity?> FindBookingAsync(string tokenHash, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {BookingEntity.PartitionFor(tokenHash)} and (RowKey eq {tokenHash} or TokenHash eq {tokenHash})");
        await foreach (var booking in _table.QueryAsync<BookingEntity>(filter, cancellationToken: cancellation))
        {
            return booking;
        }

        return (BookingEntity?)null;
    });

    /// <summary>
    /// The booking of a token, by point reads when its person is known too (a message names both): the
    /// person's marker first, which is their first booking, then the row keyed by the token's hash. On Azurite
    /// every query reads the whole table, so the dispatcher, which looks up a booking for each e-mail, must not
    /// query (docs/performance.md, "Where Azurite's time goes"). Without <paramref name="emailHash"/>, the query.
    /// </summary>
    public Task<BookingEntity?> FindBookingAsync(string tokenHash, string? emailHash, CancellationToken cancellation = default) => emailHash is not { Length: > 0 } ? FindBookingAsync(tokenHash, cancellation) : Guard(cancellation, async () =>
    {
        var marker = await _table.GetEntityIfExistsAsync<BookingEntity>(PersonEntity.PartitionFor(emailHash), PersonEntity.RowFor(emailHash), cancellationToken: cancellation);
        if (marker.HasValue && marker.Value!.TokenHash == tokenHash)
        {
            return marker.Value;
        }

        var booking = await _table.GetEntityIfExistsAsync<BookingEntity>(BookingEntity.PartitionFor(tokenHash), tokenHash, cancellationToken: cancellation);
        return booking.HasValue ? booking.Value : null;
    });

    /// <summary>What a booking holds in a session: its registration there, if that registration is the booking's.</summary>
    public Task<SessionOutcome?> BookingOutcomeAsync(string sessionId, BookingEntity booking, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var found = await _table.GetEntityIfExistsAsync<RegistrationEntity>(sessionId, RegistrationEntity.RowFor(booking.EmailHash), cancellationToken: cancellation);
        return !found.HasValue || found.Value!.BookingId != booking.BookingId ? null : await seats.OutcomeAsync(found.Value, cancellation);
    });

    /// <summary>Whether the person proved their address by confirming a booking: a point read of their marker.</summary>
    public Task<bool> IsVerifiedAsync(string emailHash, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var marker = await _table.GetEntityIfExistsAsync<TableEntity>(PersonEntity.PartitionFor(emailHash), PersonEntity.RowFor(emailHash), select: [nameof(PersonEntity.Verified)], cancellationToken: cancellation);
        return marker.HasValue && marker.Value!.GetBoolean(nameof(PersonEntity.Verified)) == true;
    });

    /// <summary>Records on the person's marker that their address is proven; from then on their seats are confirmed at once.</summary>
    public Task MarkVerifiedAsync(string emailHash, CancellationToken cancellation = default) => Guard(cancellation, () =>
        _table.UpsertEntityAsync(new TableEntity(PersonEntity.PartitionFor(emailHash), PersonEntity.RowFor(emailHash)) { [nameof(PersonEntity.Verified)] = true }, TableUpdateMode.Merge, cancellation));

    /// <summary>Every booking of a person, oldest first: all are in the partition of their marker.</summary>
    public Task<IReadOnlyList<BookingEntity>> BookingsOfAsync(string emailHash, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var bookings = new List<BookingEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PersonEntity.PartitionFor(emailHash)} and EmailHash eq {emailHash}");
        await foreach (var booking in _table.QueryAsync<BookingEntity>(filter, cancellationToken: cancellation))
        {
            if (booking.BookingId.Length > 0)
            {
                bookings.Add(booking);
            }
        }

        return (IReadOnlyList<BookingEntity>)[.. bookings.OrderBy(b => b.CreatedAt)];
    });
}
