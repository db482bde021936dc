using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Azure.Identity;
using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Registration.Storage;

/// <summary>
/// Registrations in Azure Table Storage. Every change to a session's seats is one entity-group transaction
/// in the session's partition, guarded by the counter's ETag: two writers that read the same counter cannot
/// both commit, the loser gets 412 and tries again on fresh data. That is what makes overbooking impossible,
/// on Azure as on Azurite, whatever the number of processes. Transactions never span partitions and never
/// exceed 100 actions (Azurite would accept both; Azure refuses them).
/// </summary>
public sealed class RegistrationStore
{
    public const int MaxBatch = 100;
    private const int MaxAttempts = 60;

    /// <summary>Requests to storage in flight at once from this store, besides those of gate holders.</summary>
    public const int MaxInFlight = 64;

    private readonly TableClient _table;
    private readonly RequestCountPolicy _requests = new();

    // Within one process, writers of one partition (a session, or a booking partition) take turns: the ETag
    // still guards against other processes, but a rush on one session does not turn into a storm of 412s, and
    // the writers waiting for a partition can share the gate holder's transaction (see TakeTurnAsync).
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    // The counter of each session as this process last read or committed it, with its ETag; used only inside
    // the session's gate. A registration commits against it without reading it again: if another process
    // changed the counter meanwhile, the ETag no longer matches, the transaction fails with 412 and writes
    // nothing, and the counter is read afresh. Cancellations and capacity changes forget it.
    private readonly ConcurrentDictionary<string, CounterEntity> _counters = new(StringComparer.Ordinal);

    // The counts of each session as this process last committed them, numbered in commit order. The live
    // counts lay them over their last read of storage, so that this process's own writes show at once.
    private readonly ConcurrentDictionary<string, (long Commit, int Capacity, int Confirmed, int Waiting)> _committed = new(StringComparer.Ordinal);
    private long _commits;

    // The registrations waiting for each session's gate, in the order they came (see RegisterAsync).
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PendingRegistration>> _waiting = new(StringComparer.Ordinal);

    // The bookings waiting for each booking partition's gate (see CreateBookingAsync).
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PendingBooking>> _bookingsWaiting = new(StringComparer.Ordinal);

    private long _seatTransactions;
    private long _bookingTransactions;

    public RegistrationStore(RegistrationOptions options)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        clientOptions.AddPolicy(new InFlightLimitPolicy(MaxInFlight), HttpPipelinePosition.PerRetry);
        clientOptions.AddPolicy(_requests, HttpPipelinePosition.PerRetry);
        _table = options.StorageConnectionString is { Length: > 0 } connection
            ? new TableClient(connection, options.TableName, clientOptions)
            : options.TableEndpoint is { } endpoint
                ? new TableClient(endpoint, options.TableName, new DefaultAzureCredential(), clientOptions)
                : throw new InvalidOperationException("Registration:StorageConnectionString or Registration:TableEndpoint must be set");
    }

    public TableClient Table => _table;

    /// <summary>Transactions this store has sent to give seats or waiting numbers (what registrations cost storage).</summary>
    public long SeatTransactions => Interlocked.Read(ref _seatTransactions);

    /// <summary>Requests (inserts and transactions) this store has sent to write bookings and markers.</summary>
    public long BookingTransactions => Interlocked.Read(ref _bookingTransactions);

    /// <summary>Every request this store has sent to storage, reads and retries included.</summary>
    public long Requests => _requests.Sent;

    /// <summary>How many transactions this process has committed on seat counters so far.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>A session's counts as this process committed them after its first <paramref name="commits"/> commits, if it did.</summary>
    public (int Capacity, int Confirmed, int Waiting)? CommittedSince(string sessionId, long commits) =>
        _committed.TryGetValue(sessionId, out var last) && last.Commit > commits ? (last.Capacity, last.Confirmed, last.Waiting) : null;

    public Task EnsureTableAsync(CancellationToken cancellation = default) =>
        Guard(cancellation, () => _table.CreateIfNotExistsAsync(cancellation));

    // ---- the catalogue -------------------------------------------------------------------------------

    public Task<IReadOnlyList<SessionDefinition>> SessionsAsync(CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var sessions = new List<SessionDefinition>();
        await foreach (var e in _table.QueryAsync<SessionEntity>(x => x.PartitionKey == SessionEntity.Partition, cancellationToken: cancellation))
        {
            sessions.Add(new SessionDefinition(e.RowKey, e.TitleFr, e.TitleEn, e.Opens, e.Closes, e.Start, e.End, e.Capacity, e.Waitlist, new SessionLinks(e.PageFr, e.PageEn, e.CalendarFr, e.CalendarEn)));
        }

        return (IReadOnlyList<SessionDefinition>)sessions;
    });

    public Task<string?> SiteValueAsync(string row, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var found = await _table.GetEntityIfExistsAsync<SiteEntity>(SiteEntity.Partition, row, cancellationToken: cancellation);
        return found.HasValue ? found.Value!.Value : null;
    });

    public Task SetSiteValueAsync(string row, string value, CancellationToken cancellation = default) =>
        Guard(cancellation, () => _table.UpsertEntityAsync(new SiteEntity { RowKey = row, Value = value }, TableUpdateMode.Replace, cancellation));

    public Task UpsertSessionAsync(SessionDefinition session, CancellationToken cancellation = default) => Guard(cancellation, () =>
        _table.UpsertEntityAsync(
            new SessionEntity
            {
                RowKey = session.Id,
                TitleFr = session.TitleFr,
                TitleEn = session.TitleEn,
                Opens = session.Opens,
                Closes = session.Closes,
                Start = session.Start,
                End = session.End,
                Capacity = session.Capacity,
                Waitlist = session.Waitlist,
                PageFr = session.Links.PageFr,
                PageEn = session.Links.PageEn,
                CalendarFr = session.Links.CalendarFr,
                CalendarEn = session.Links.CalendarEn,
            },
            TableUpdateMode.Replace,
            cancellation));

    /// <summary>
    /// Sets a session's capacity and waiting-list flag. A raised capacity gives the new seats to the waiting
    /// list in order, passing over whoever holds a seat in one of the <paramref name="overlapping"/> sessions;
    /// a lowered one removes nobody. Returns how many were promoted.
    /// </summary>
    public Task<int> SetCapacityAsync(string sessionId, int capacity, bool waitlist, IReadOnlyCollection<string> overlapping, DateTimeOffset now, CancellationToken cancellation = default) =>
        InSession(sessionId, async () =>
        {
            Forget(sessionId);
            var promoted = 0;
            for (var attempt = 1; ; attempt++)
            {
                var counter = await CounterAsync(sessionId, cancellation) ?? new CounterEntity { PartitionKey = sessionId, NextSequence = 1 };
                var isNew = counter.ETag == default;
                counter.Capacity = capacity;
                counter.Waitlist = waitlist;
                var actions = new List<TableTransactionAction>();

                // Up to 99 promotions and the counter in one transaction.
                var promote = await PromoteAsync(counter, overlapping, MaxBatch - 1, now, actions, cancellation);
                actions.Add(isNew
                    ? new TableTransactionAction(TableTransactionActionType.Add, counter)
                    : CounterUpdate(counter));
                if (await TrySubmitAsync(actions, cancellation) is not null)
                {
                    Committed(counter);
                    promoted += promote;

                    // More than one batch of promotions: go round again on the fresh counter.
                    if (promote == MaxBatch - 1)
                    {
                        continue;
                    }

                    return promoted;
                }

                await Backoff(attempt, cancellation);
            }
        }, cancellation);

    /// <summary>
    /// Gives the counter's free seats (at most <paramref name="most"/>) to the people <see cref="Promotion.Choose"/>
    /// picks from the waiting list, and adds their rows to <paramref name="actions"/>; the counter is changed
    /// to match, not committed. Whether someone holds a seat in an overlapping session is read from their row
    /// there (a point read in that session's partition), for as many people from the head of the list as the
    /// choice needs: the transaction stays in this session's partition. Returns how many were promoted.
    /// </summary>
    private async Task<int> PromoteAsync(CounterEntity counter, IReadOnlyCollection<string> overlapping, int most, DateTimeOffset now, List<TableTransactionAction> actions, CancellationToken cancellation)
    {
        var seats = Math.Min(most, counter.Capacity - counter.Confirmed);
        if (seats <= 0 || counter.Waiting <= 0)
        {
            return 0;
        }

        var waiting = await WaitingInOrderAsync(counter.PartitionKey, cancellation);
        var order = waiting.Select(w => w.RowKey).ToList();
        var seated = new HashSet<string>(StringComparer.Ordinal);
        var looked = overlapping.Count == 0 ? order.Count : 0;
        IReadOnlyList<string> chosen;
        while (true)
        {
            chosen = Promotion.Choose(order[..looked], seated, seats);
            if (chosen.Count == seats || looked == order.Count)
            {
                break;
            }

            var next = order[looked..Math.Min(order.Count, looked + seats - chosen.Count)];
            var holds = await Task.WhenAll(next.Select(row => HoldsAnySeatAsync(overlapping, row, cancellation)));
            seated.UnionWith(next.Where((_, i) => holds[i]));
            looked += next.Count;
        }

        var byRow = waiting.ToDictionary(w => w.RowKey, StringComparer.Ordinal);
        foreach (var row in chosen)
        {
            var person = byRow[row];
            person.Status = nameof(RegistrationStatus.Confirmed);
            person.ChangedAt = now;
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, person, person.ETag));
        }

        counter.Confirmed += chosen.Count;
        counter.Waiting -= chosen.Count;
        return chosen.Count;
    }

    /// <summary>Whether the person of a registration row holds a confirmed seat in any of these sessions: a point read in each.</summary>
    private async Task<bool> HoldsAnySeatAsync(IEnumerable<string> sessionIds, string row, CancellationToken cancellation) =>
        (await Task.WhenAll(sessionIds.Select(id => SeatedAsync(id, row, cancellation)))).Any(seated => seated);

    private async Task<bool> SeatedAsync(string sessionId, string row, CancellationToken cancellation)
    {
        var found = await _table.GetEntityIfExistsAsync<RegistrationEntity>(sessionId, row, select: [nameof(RegistrationEntity.Status)], cancellationToken: cancellation);
        return found.HasValue && found.Value!.Status == nameof(RegistrationStatus.Confirmed);
    }

    // ---- registering ---------------------------------------------------------------------------------

    /// <summary>The person's current registration to a session, or null (none, or cancelled).</summary>
    public Task<SessionOutcome?> ExistingAsync(string sessionId, string emailHash, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var found = await _table.GetEntityIfExistsAsync<RegistrationEntity>(sessionId, RegistrationEntity.RowFor(emailHash), cancellationToken: cancellation);
        return found.HasValue ? await OutcomeAsync(found.Value!, cancellation) : null;
    });

    /// <summary>Whether the person holds a confirmed seat in a session: one point read of their row's status.</summary>
    public Task<bool> HoldsSeatAsync(string sessionId, string emailHash, CancellationToken cancellation = default) =>
        Guard(cancellation, () => SeatedAsync(sessionId, RegistrationEntity.RowFor(emailHash), cancellation));

    /// <summary>
    /// Registers one person to one session in one transaction with the session's counter: a seat if one is
    /// free, else the end of the waiting list if the session has one and the person accepts it. A person
    /// already registered keeps what they have (no second seat).
    /// </summary>
    /// <remarks>
    /// Registrations to one session wait for its gate in a queue, in the order they came. The gate holder
    /// commits every waiting registration it can (up to 99, one person once) in one transaction: the counter
    /// once, with its ETag, and each person's row; seats and waiting numbers are given in queue order. Under
    /// load, a session's writers therefore share a transaction instead of taking one each, which is cheaper
    /// for storage and shortens the queue. Whatever does not fit that fast path is done alone, exactly as a
    /// single registration: a refusal (decided on a fresh read), and every member of a transaction that
    /// failed (another writer changed the counter, or a person is registered here already).
    /// </remarks>
    public async Task<(SessionOutcome Outcome, bool Created)> RegisterAsync(SessionDefinition session, Applicant applicant, string emailHash, string bookingId, DateTimeOffset now, CancellationToken cancellation = default)
    {
        var mine = new PendingRegistration(session, applicant, emailHash, bookingId, now, cancellation);
        await TakeTurnAsync(session.Id, mine, mine.Done.Task, _waiting, queue => CommitWaitingAsync(session.Id, queue));
        return await mine.Done.Task;
    }

    /// <summary>
    /// Queues a write behind its partition's gate, in the order writes came. Whoever holds the gate commits
    /// what waits in the queue, as many at a time as it can, until <paramref name="done"/> is complete: an
    /// earlier gate holder may already have done this write with its own.
    /// </summary>
    private async Task TakeTurnAsync<TPending>(string partition, TPending mine, Task done, ConcurrentDictionary<string, ConcurrentQueue<TPending>> waiting, Func<ConcurrentQueue<TPending>, Task> commitWaiting)
    {
        var queue = waiting.GetOrAdd(partition, _ => new ConcurrentQueue<TPending>());
        queue.Enqueue(mine);
        var gate = Gate(partition);
        await gate.WaitAsync();
        try
        {
            if (!done.IsCompleted)
            {
                InFlightLimitPolicy.MarkGateHolder();
                while (!done.IsCompleted)
                {
                    await commitWaiting(queue);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private SemaphoreSlim Gate(string partition) => _gates.GetOrAdd(partition, _ => new SemaphoreSlim(1, 1));

    /// <summary>A registration waiting for its session's gate, done by whoever holds the gate first.</summary>
    private sealed class PendingRegistration(SessionDefinition session, Applicant applicant, string emailHash, string bookingId, DateTimeOffset now, CancellationToken cancellation)
    {
        public SessionDefinition Session { get; } = session;
        public Applicant Applicant { get; } = applicant;
        public string EmailHash { get; } = emailHash;
        public string Row { get; } = RegistrationEntity.RowFor(emailHash);
        public string BookingId { get; } = bookingId;
        public DateTimeOffset Now { get; } = now;
        public CancellationToken Cancellation { get; } = cancellation;
        public TaskCompletionSource<(SessionOutcome Outcome, bool Created)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public RegistrationEntity Entity(RegistrationStatus status, long sequence) => new()
        {
            PartitionKey = Session.Id,
            RowKey = Row,
            BookingId = BookingId,
            Status = status.ToString(),
            Sequence = sequence,
            FirstName = Applicant.FirstName,
            LastName = Applicant.LastName,
            Email = Applicant.Email,
            Organisation = Applicant.Organisation,
            Lang = Applicant.Lang,
            RegisteredAt = Now,
            ChangedAt = Now,
        };
    }

    /// <summary>
    /// With the session's gate held: takes the registrations waiting for it, in order, and commits those it can
    /// in one transaction; the others are done one at a time. Each waiting registration gets its answer.
    /// </summary>
    private async Task CommitWaitingAsync(string sessionId, ConcurrentQueue<PendingRegistration> queue)
    {
        var group = new List<PendingRegistration>();
        var alone = new List<PendingRegistration>();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        while (group.Count < MaxBatch - 1 && queue.TryDequeue(out var next))
        {
            // The same person twice cannot be two rows of one transaction: the second one goes after, and
            // finds the first one's row.
            (rows.Add(next.Row) ? group : alone).Add(next);
        }

        if (group.Count == 1)
        {
            alone.Insert(0, group[0]);
        }
        else if (group.Count > 1)
        {
            alone.InsertRange(0, await CommitTogetherAsync(sessionId, group));
        }

        foreach (var pending in alone)
        {
            try
            {
                pending.Done.TrySetResult(await Guard(pending.Cancellation, () => RegisterAloneAsync(pending)));
            }
            catch (Exception e)
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    /// <summary>
    /// One transaction for several people: the counter, then each one's new row, seats first, then waiting
    /// numbers, in queue order. Returns those left to do alone: the ones a seat or the waiting list cannot take
    /// (their refusal is decided on a fresh read), or everyone when the transaction wrote nothing.
    /// </summary>
    private async Task<List<PendingRegistration>> CommitTogetherAsync(string sessionId, List<PendingRegistration> group)
    {
        var left = new List<PendingRegistration>();
        try
        {
            // Not the token of any one request: the others' registrations must not fail with it.
            var (counter, _) = await Guard(CancellationToken.None, () => CounterForWriteAsync(sessionId, CancellationToken.None));
            var taken = new List<(PendingRegistration Pending, SessionOutcome Outcome)>();
            var actions = new List<TableTransactionAction> { CounterUpdate(counter) };
            foreach (var pending in group)
            {
                if (counter.Confirmed < counter.Capacity)
                {
                    counter.Confirmed++;
                    actions.Add(new(TableTransactionActionType.Add, pending.Entity(RegistrationStatus.Confirmed, 0)));
                    taken.Add((pending, SessionOutcome.Confirmed(sessionId)));
                }
                else if (counter.Waitlist && pending.Applicant.AcceptWaitlist)
                {
                    counter.Waiting++;
                    actions.Add(new(TableTransactionActionType.Add, pending.Entity(RegistrationStatus.Waitlisted, counter.NextSequence++)));
                    taken.Add((pending, SessionOutcome.Waitlisted(sessionId, counter.Waiting)));
                }
                else
                {
                    left.Add(pending);
                }
            }

            if (taken.Count == 0)
            {
                return left;
            }

            Interlocked.Increment(ref _seatTransactions);
            if (await Guard(CancellationToken.None, () => TrySubmitAsync(actions, CancellationToken.None)) is { } committed)
            {
                Remember(counter, committed[0].Headers.ETag);
                foreach (var (pending, outcome) in taken)
                {
                    pending.Done.TrySetResult((outcome, true));
                }

                return left;
            }

            // Nothing was written: another writer changed the counter, or someone here is registered already.
            Forget(sessionId);
            return group;
        }
        catch (Exception e)
        {
            // Whether the transaction landed is unknown: the counter is read again next time, and each member
            // is told, as a registration of its own would be (sending it again finds what was done).
            Forget(sessionId);
            foreach (var pending in group)
            {
                pending.Done.TrySetException(e);
            }

            return [];
        }
    }

    /// <summary>
    /// One registration in its own transaction, with the session's gate held. The usual case costs one round
    /// trip: the transaction is built on the counter this process holds and inserts the person's row. If it
    /// fails, nothing was written: either another writer changed the counter (412) or the person is
    /// registered here already (the insert conflicts); the counter and the person's row are then read, and
    /// the row, if any, is what the person holds.
    /// </summary>
    private async Task<(SessionOutcome Outcome, bool Created)> RegisterAloneAsync(PendingRegistration pending)
    {
        var (session, applicant, bookingId, row, cancellation) = (pending.Session, pending.Applicant, pending.BookingId, pending.Row, pending.Cancellation);
        RegistrationEntity? existing = null;
        var rowRead = false;
        var sending = false;
        try
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var (counter, remembered) = await CounterForWriteAsync(session.Id, cancellation);
                if (existing is not null && existing.Status != nameof(RegistrationStatus.Cancelled))
                {
                    // The person's row: made by an earlier request, or by this one when an attempt landed
                    // but its answer was lost (the client's retry then failed on the changed ETag).
                    return ((await OutcomeAsync(existing, cancellation))!, existing.BookingId == bookingId);
                }

                RegistrationStatus status;
                if (counter.Confirmed < counter.Capacity)
                {
                    status = RegistrationStatus.Confirmed;
                    counter.Confirmed++;
                }
                else if (counter.Waitlist && applicant.AcceptWaitlist)
                {
                    status = RegistrationStatus.Waitlisted;
                    counter.Waiting++;
                }
                else if (remembered || !rowRead)
                {
                    // A refusal writes nothing, so no ETag checks it: decide it on a counter read now, and
                    // knowing whether the person already holds something here.
                    if (remembered)
                    {
                        Forget(session.Id);
                    }

                    existing = await RowAsync(session.Id, row, cancellation);
                    rowRead = true;
                    continue;
                }
                else
                {
                    return (SessionOutcome.Rejected(session.Id, "full"), false);
                }

                var registration = pending.Entity(status, status == RegistrationStatus.Waitlisted ? counter.NextSequence++ : 0);
                var actions = new List<TableTransactionAction>
                {
                    CounterUpdate(counter),
                    existing is null
                        ? new(TableTransactionActionType.Add, registration)
                        : new(TableTransactionActionType.UpdateReplace, registration, existing.ETag),
                };
                // An abandoned request sends nothing more; once sent, whether it landed is unknown.
                cancellation.ThrowIfCancellationRequested();
                Interlocked.Increment(ref _seatTransactions);
                sending = true;
                var committed = await TrySubmitAsync(actions, cancellation);
                sending = false;
                if (committed is not null)
                {
                    Remember(counter, committed[0].Headers.ETag);
                    var outcome = status == RegistrationStatus.Confirmed
                        ? SessionOutcome.Confirmed(session.Id)
                        : SessionOutcome.Waitlisted(session.Id, counter.Waiting);
                    return (outcome, true);
                }

                // Nothing was written. The counter changed under us, or the person has a row here already.
                Forget(session.Id);
                existing = await RowAsync(session.Id, row, cancellation);
                rowRead = true;
                if (existing is null || existing.Status == nameof(RegistrationStatus.Cancelled))
                {
                    await Backoff(attempt, cancellation);
                }
            }
        }
        catch (OperationCanceledException) when (!sending && cancellation.IsCancellationRequested)
        {
            // Abandoned while nothing of it was on its way to storage: the counter held is still the one
            // storage has, and the next writer can use it without reading it again.
            throw;
        }
        catch
        {
            // Storage failed, or the request was abandoned while its transaction was sent: whether that
            // transaction landed is unknown, so the counter is read again next time.
            Forget(session.Id);
            throw;
        }

        throw new StorageUnavailableException($"session '{session.Id}' stayed contended after {MaxAttempts} attempts");
    }

    /// <summary>
    /// Cancels a booking's registration to a session. A freed seat goes, in the same transaction, to the
    /// first person on the waiting list who holds no seat in one of the <paramref name="overlapping"/>
    /// sessions (<see cref="Promotion.Choose"/>). Cancelling what is already cancelled changes nothing.
    /// </summary>
    public Task<bool> CancelAsync(string sessionId, IReadOnlyCollection<string> overlapping, string emailHash, string bookingId, DateTimeOffset now, CancellationToken cancellation = default) =>
        InSession(sessionId, async () =>
        {
            Forget(sessionId);
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var found = await _table.GetEntityIfExistsAsync<RegistrationEntity>(sessionId, RegistrationEntity.RowFor(emailHash), cancellationToken: cancellation);
                if (!found.HasValue || found.Value!.BookingId != bookingId || found.Value.Status == nameof(RegistrationStatus.Cancelled))
                {
                    return false;
                }

                var registration = found.Value;
                var counter = (await CounterAsync(sessionId, cancellation))!;
                var actions = new List<TableTransactionAction>();
                if (registration.Status == nameof(RegistrationStatus.Confirmed))
                {
                    // Every free seat, not only this one: seats left free because everyone waiting then held
                    // an overlapping seat go now to whoever may take them. Room is kept for the cancelled row
                    // and the counter.
                    counter.Confirmed--;
                    await PromoteAsync(counter, overlapping, MaxBatch - 2, now, actions, cancellation);
                }
                else
                {
                    counter.Waiting--;
                }

                registration.Status = nameof(RegistrationStatus.Cancelled);
                registration.ChangedAt = now;
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, registration, registration.ETag));
                actions.Add(CounterUpdate(counter));
                if (await TrySubmitAsync(actions, cancellation) is not null)
                {
                    Committed(counter);
                    return true;
                }

                await Backoff(attempt, cancellation);
            }

            throw new StorageUnavailableException($"session '{sessionId}' stayed contended after {MaxAttempts} attempts");
        }, cancellation);

    // ---- bookings ------------------------------------------------------------------------------------

    /// <summary>
    /// Writes a booking. When its token was drawn for the partition of the person's marker
    /// (<see cref="ManageToken.NewFor"/>), the booking is offered as the marker itself: one insert of row
    /// <c>p-{email hash}</c>. True when that insert made the marker: the person holds no registration anywhere,
    /// and nothing needs to be looked up for them. False when they were seen before (the booking is then
    /// written under its token's hash) or the token was not drawn for it.
    /// </summary>
    /// <remarks>
    /// A booking and a marker used to be two entities in one transaction. Storage's cost is per request, and a
    /// transaction costs more than an insert (Azurite parses a multipart body and answers each action), so the
    /// first booking now is the marker: one insert. Bookings of one partition wait for its gate in a queue, as
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
        await TakeTurnAsync(booking.PartitionKey, mine, mine.Done.Task, _bookingsWaiting, CommitBookingsAsync);
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
        while (group.Count < MaxBatch && queue.TryDequeue(out var next))
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
    /// Gives a marker to every person who holds a registration row (rows written before markers existed);
    /// returns how many were written. Harmless to run again: markers are upserted.
    /// </summary>
    public Task<int> MarkRegisteredPeopleAsync(DateTimeOffset now, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var people = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in _table.QueryAsync<TableEntity>(x => x.RowKey.CompareTo("r-") >= 0 && x.RowKey.CompareTo("r.") < 0, select: ["PartitionKey", "RowKey"], cancellationToken: cancellation))
        {
            if (!e.PartitionKey.StartsWith('!'))
            {
                people.Add(e.RowKey["r-".Length..]);
            }
        }

        foreach (var partition in people.GroupBy(PersonEntity.PartitionFor))
        {
            foreach (var chunk in partition.Chunk(MaxBatch))
            {
                var markers = chunk.Select(hash => new PersonEntity { PartitionKey = partition.Key, RowKey = PersonEntity.RowFor(hash), FirstSeen = now });
                await _table.SubmitTransactionAsync(markers.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertMerge, m)), cancellation);
            }
        }

        return people.Count;
    });

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

    /// <summary>What a booking holds in a session: its registration there, if that registration is the booking's.</summary>
    public Task<SessionOutcome?> BookingOutcomeAsync(string sessionId, BookingEntity booking, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var found = await _table.GetEntityIfExistsAsync<RegistrationEntity>(sessionId, RegistrationEntity.RowFor(booking.EmailHash), cancellationToken: cancellation);
        if (!found.HasValue || found.Value!.BookingId != booking.BookingId)
        {
            return null;
        }

        return found.Value.Status == nameof(RegistrationStatus.Cancelled)
            ? new SessionOutcome(sessionId, "cancelled")
            : await OutcomeAsync(found.Value, cancellation);
    });

    // ---- counts, export, newsletter, retention -------------------------------------------------------

    public Task<(int Capacity, int Confirmed, int Waiting)?> CountsAsync(string sessionId, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var counter = await CounterAsync(sessionId, cancellation);
        return counter is null ? ((int, int, int)?)null : (counter.Capacity, counter.Confirmed, counter.Waiting);
    });

    public Task<IReadOnlyList<RegistrationRow>> ExportAsync(IEnumerable<string> sessionIds, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var rows = new List<RegistrationRow>();
        foreach (var sessionId in sessionIds)
        {
            var entities = await RegistrationsAsync(sessionId, cancellation);

            var waiting = entities.Where(e => e.Status == nameof(RegistrationStatus.Waitlisted)).OrderBy(e => e.Sequence).Select((e, i) => (e.RowKey, Position: i + 1)).ToDictionary(p => p.RowKey, p => p.Position);
            rows.AddRange(entities
                .OrderBy(e => e.Status == nameof(RegistrationStatus.Confirmed) ? 0 : e.Status == nameof(RegistrationStatus.Waitlisted) ? 1 : 2)
                .ThenBy(e => e.Sequence)
                .ThenBy(e => e.RegisteredAt)
                .Select(e => new RegistrationRow(sessionId, e.Status.ToLowerInvariant(), waiting.TryGetValue(e.RowKey, out var p) ? p : null, e.FirstName, e.LastName, e.Email, e.Organisation, e.RegisteredAt)));
        }

        return (IReadOnlyList<RegistrationRow>)rows;
    });

    public Task SubscribeAsync(string emailHash, string email, string lang, DateTimeOffset now, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        try
        {
            await _table.AddEntityAsync(new NewsletterEntity { RowKey = emailHash, Email = email, Lang = lang, SubscribedAt = now }, cancellation);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Subscribed already: the same email twice is not an error.
        }
    });

    /// <summary>Deletes every registration, booking and subscription; counters and the catalogue stay.</summary>
    public Task<int> PurgePersonalDataAsync(CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var doomed = new List<TableEntity>();
        await foreach (var e in _table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellation))
        {
            var personal = e.RowKey.StartsWith("r-", StringComparison.Ordinal)
                || e.PartitionKey.StartsWith("!b-", StringComparison.Ordinal)
                || e.PartitionKey == NewsletterEntity.Partition;
            if (personal)
            {
                doomed.Add(e);
            }
        }

        foreach (var partition in doomed.GroupBy(e => e.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(MaxBatch))
            {
                await _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellation);
            }
        }

        return doomed.Count;
    });

    /// <summary>Every registration row of a session (whatever its status), from the session's partition.</summary>
    public async Task<List<RegistrationEntity>> RegistrationsAsync(string sessionId, CancellationToken cancellation = default)
    {
        var entities = new List<RegistrationEntity>();
        await foreach (var e in _table.QueryAsync<RegistrationEntity>(x => x.PartitionKey == sessionId && x.RowKey.CompareTo("r-") >= 0 && x.RowKey.CompareTo("r.") < 0, cancellationToken: cancellation))
        {
            entities.Add(e);
        }

        return entities;
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private async Task<CounterEntity?> CounterAsync(string sessionId, CancellationToken cancellation)
    {
        var found = await _table.GetEntityIfExistsAsync<CounterEntity>(sessionId, CounterEntity.Row, cancellationToken: cancellation);
        return found.HasValue ? found.Value : null;
    }

    private async Task<RegistrationEntity?> RowAsync(string sessionId, string row, CancellationToken cancellation)
    {
        var found = await _table.GetEntityIfExistsAsync<RegistrationEntity>(sessionId, row, cancellationToken: cancellation);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>A copy of the counter to change and commit: the one this process holds, else one read now.</summary>
    private async Task<(CounterEntity Counter, bool Remembered)> CounterForWriteAsync(string sessionId, CancellationToken cancellation)
    {
        if (_counters.TryGetValue(sessionId, out var held))
        {
            return (Copy(held), true);
        }

        var counter = await CounterAsync(sessionId, cancellation)
            ?? throw new InvalidOperationException($"session '{sessionId}' has no counter: run 'registrations sync'");
        _counters[sessionId] = Copy(counter);
        return (counter, false);
    }

    /// <summary>Keeps the counter as just committed, with the ETag storage gave it (forgets it when none was given).</summary>
    private void Remember(CounterEntity counter, ETag? etag)
    {
        Committed(counter);
        if (etag is not { } committed)
        {
            Forget(counter.PartitionKey);
            return;
        }

        var copy = Copy(counter);
        copy.ETag = committed;
        _counters[counter.PartitionKey] = copy;
    }

    private void Forget(string sessionId) => _counters.TryRemove(sessionId, out _);

    /// <summary>Numbers a commit of a session's counter (within the session's gate, so in order for each session).</summary>
    private void Committed(CounterEntity counter) =>
        _committed[counter.PartitionKey] = (Interlocked.Increment(ref _commits), counter.Capacity, counter.Confirmed, counter.Waiting);

    /// <summary>
    /// The counter's update, guarded by its ETag. A merge, though every property is sent, so that it ends as
    /// a replace would: Table Storage counts either as one transaction, and Azurite updates a merged entity
    /// where it lies but removes and re-inserts a replaced one, which costs it more as the table grows
    /// (0.38 against 0.62 ms at 50,000 rows, bench/tools/azurite-store-costs.mjs).
    /// </summary>
    private static TableTransactionAction CounterUpdate(CounterEntity counter) => new(TableTransactionActionType.UpdateMerge, counter, counter.ETag);

    private static CounterEntity Copy(CounterEntity c) => new()
    {
        PartitionKey = c.PartitionKey,
        RowKey = c.RowKey,
        Timestamp = c.Timestamp,
        ETag = c.ETag,
        Capacity = c.Capacity,
        Waitlist = c.Waitlist,
        Confirmed = c.Confirmed,
        Waiting = c.Waiting,
        NextSequence = c.NextSequence,
    };

    private async Task<List<RegistrationEntity>> WaitingInOrderAsync(string sessionId, CancellationToken cancellation)
    {
        var waiting = new List<RegistrationEntity>();
        var status = nameof(RegistrationStatus.Waitlisted);
        await foreach (var e in _table.QueryAsync<RegistrationEntity>(x => x.PartitionKey == sessionId && x.Status == status, cancellationToken: cancellation))
        {
            waiting.Add(e);
        }

        waiting.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return waiting;
    }

    /// <summary>The public outcome of a stored registration; a waiting person's position is their rank now.</summary>
    private async Task<SessionOutcome?> OutcomeAsync(RegistrationEntity registration, CancellationToken cancellation)
    {
        if (registration.Status == nameof(RegistrationStatus.Confirmed))
        {
            return SessionOutcome.Confirmed(registration.PartitionKey);
        }

        if (registration.Status != nameof(RegistrationStatus.Waitlisted))
        {
            return null;
        }

        var ahead = 0;
        var status = nameof(RegistrationStatus.Waitlisted);
        var sequence = registration.Sequence;
        await foreach (var _ in _table.QueryAsync<RegistrationEntity>(x => x.PartitionKey == registration.PartitionKey && x.Status == status && x.Sequence < sequence, select: ["Sequence"], cancellationToken: cancellation))
        {
            ahead++;
        }

        return SessionOutcome.Waitlisted(registration.PartitionKey, ahead + 1);
    }

    /// <summary>
    /// Commits a transaction and gives the answer to each of its actions (in order); null when nothing was
    /// written because another writer changed one of its entities first (412) or a row to add exists (409).
    /// </summary>
    private async Task<IReadOnlyList<Response>?> TrySubmitAsync(IReadOnlyCollection<TableTransactionAction> actions, CancellationToken cancellation)
    {
        if (actions.Count > MaxBatch || actions.Select(a => a.Entity.PartitionKey).Distinct().Count() != 1)
        {
            throw new InvalidOperationException("a transaction must hold 1 to 100 actions of one partition");
        }

        try
        {
            return (await _table.SubmitTransactionAsync(actions, cancellation)).Value;
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 409)
        {
            return null;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 409)
        {
            return null;
        }
    }

    private static Task Backoff(int attempt, CancellationToken cancellation)
    {
        // Full jitter on a growing ceiling, so that writers who lost to the same winner do not meet again.
        var ceiling = Math.Min(200, 5 * (1 << Math.Min(attempt, 6)));
        return Task.Delay(Random.Shared.Next(1, ceiling), cancellation);
    }

    private async Task<T> InSession<T>(string sessionId, Func<Task<T>> work, CancellationToken cancellation)
    {
        var gate = Gate(sessionId);
        await gate.WaitAsync(cancellation);
        try
        {
            InFlightLimitPolicy.MarkGateHolder();
            return await Guard(cancellation, work);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Turns "storage cannot be reached" into one exception the HTTP layer answers with 503. A request its
    /// caller gave up on (<paramref name="cancellation"/> cancelled) stays a cancellation: storage is not at
    /// fault. The SDK's own network timeout cancels too, with a token of its own: that one is an outage.
    /// </summary>
    private static async Task<T> Guard<T>(CancellationToken cancellation, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (RequestFailedException e) when (e.Status is 0 or >= 500)
        {
            throw new StorageUnavailableException("Table Storage answered " + e.Status, e);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or AggregateException or IOException)
        {
            throw new StorageUnavailableException("Table Storage cannot be reached", e);
        }
    }

    private static async Task Guard(CancellationToken cancellation, Func<Task> work) => await Guard<bool>(cancellation, async () =>
    {
        await work();
        return true;
    });
}
