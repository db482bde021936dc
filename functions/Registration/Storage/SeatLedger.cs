using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using WeekendCulturel.Registration.Domain;
using static WeekendCulturel.Registration.Storage.StorageGuard;
using static WeekendCulturel.Registration.Storage.TableTransactions;

namespace WeekendCulturel.Registration.Storage;

/// <summary>
/// The seats of every session: its counter and its registration rows. Every change to a session's seats is
/// one entity-group transaction in the session's partition, guarded by the counter's ETag: two writers that
/// read the same counter cannot both commit, the loser gets 412 and tries again on fresh data. That is what
/// makes overbooking impossible, on Azure as on Azurite, whatever the number of processes.
/// </summary>
public sealed class SeatLedger(TableClient table)
{
    private readonly TableClient _table = table;

    // Registrations, cancellations and capacity changes of one session take turns behind its gate; the
    // registrations waiting for it are done together (see RegisterAsync).
    private readonly PartitionGates<PendingRegistration> _gates = new();

    // The counter of each session as this process last read or committed it, with its ETag; used only inside
    // the session's gate. A registration commits against it without reading it again: if another process
    // changed the counter meanwhile, the ETag no longer matches, the transaction fails with 412 and writes
    // nothing, and the counter is read afresh. Cancellations and capacity changes forget it.
    private readonly ConcurrentDictionary<string, CounterEntity> _counters = new(StringComparer.Ordinal);

    // The counts of each session as this process last committed them, numbered in commit order. The live
    // counts lay them over their last read of storage, so that this process's own writes show at once.
    private readonly ConcurrentDictionary<string, (long Commit, int Capacity, int Confirmed, int Waiting)> _committed = new(StringComparer.Ordinal);
    private long _commits;

    private long _seatTransactions;

    /// <summary>Transactions this ledger has sent to give seats or waiting numbers (what registrations cost storage).</summary>
    public long SeatTransactions => Interlocked.Read(ref _seatTransactions);

    /// <summary>How many transactions this process has committed on seat counters so far.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>A session's counts as this process committed them after its first <paramref name="commits"/> commits, if it did.</summary>
    public (int Capacity, int Confirmed, int Waiting)? CommittedSince(string sessionId, long commits) =>
        _committed.TryGetValue(sessionId, out var last) && last.Commit > commits ? (last.Capacity, last.Confirmed, last.Waiting) : null;

    public Task<(int Capacity, int Confirmed, int Waiting)?> CountsAsync(string sessionId, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var counter = await CounterAsync(sessionId, cancellation);
        return counter is null ? ((int, int, int)?)null : (counter.Capacity, counter.Confirmed, counter.Waiting);
    });

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
                var promote = await PromoteAsync(counter, overlapping, MaxActions - 1, now, actions, cancellation);
                actions.Add(isNew
                    ? new TableTransactionAction(TableTransactionActionType.Add, counter)
                    : CounterUpdate(counter));
                if (await _table.TrySubmitAsync(actions, cancellation) is not null)
                {
                    Committed(counter);
                    promoted += promote;

                    // More than one batch of promotions: go round again on the fresh counter.
                    if (promote == MaxActions - 1)
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
        var seats = Math.Min(most, SeatsOf(counter).Free);
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
        await _gates.TakeTurnAsync(session.Id, mine, mine.Done.Task, queue => CommitWaitingAsync(session.Id, queue));
        return await mine.Done.Task;
    }

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
        while (group.Count < MaxActions - 1 && queue.TryDequeue(out var next))
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
                var verdict = SeatDecision.For(SeatsOf(counter), pending.Applicant.AcceptWaitlist);
                if (verdict == SeatVerdict.Full)
                {
                    left.Add(pending);
                    continue;
                }

                var (registration, outcome) = Take(counter, pending, verdict);
                actions.Add(new(TableTransactionActionType.Add, registration));
                taken.Add((pending, outcome));
            }

            if (taken.Count == 0)
            {
                return left;
            }

            Interlocked.Increment(ref _seatTransactions);
            if (await Guard(CancellationToken.None, () => _table.TrySubmitAsync(actions, CancellationToken.None)) is { } committed)
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

                var verdict = SeatDecision.For(SeatsOf(counter), applicant.AcceptWaitlist);
                if (verdict == SeatVerdict.Full)
                {
                    if (!remembered && rowRead)
                    {
                        return (SessionOutcome.Rejected(session.Id, "full"), false);
                    }

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

                var (registration, outcome) = Take(counter, pending, verdict);
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
                var committed = await _table.TrySubmitAsync(actions, cancellation);
                sending = false;
                if (committed is not null)
                {
                    Remember(counter, committed[0].Headers.ETag);
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

    private static SessionSeats SeatsOf(CounterEntity counter) => new(counter.Capacity, counter.Confirmed, counter.Waitlist);

    /// <summary>
    /// Writes a verdict of <see cref="SeatDecision"/> into the counter (a seat taken, or the next place in
    /// the waiting order) and gives the person's row to commit with it and the outcome they get once it lands.
    /// </summary>
    private static (RegistrationEntity Row, SessionOutcome Outcome) Take(CounterEntity counter, PendingRegistration pending, SeatVerdict verdict)
    {
        switch (verdict)
        {
            case SeatVerdict.Confirmed:
                counter.Confirmed++;
                return (pending.Entity(RegistrationStatus.Confirmed, 0), SessionOutcome.Confirmed(counter.PartitionKey));
            case SeatVerdict.Waitlisted:
                counter.Waiting++;
                return (pending.Entity(RegistrationStatus.Waitlisted, counter.NextSequence++), SessionOutcome.Waitlisted(counter.PartitionKey, counter.Waiting));
            default:
                throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "a refusal takes nothing");
        }
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
                    await PromoteAsync(counter, overlapping, MaxActions - 2, now, actions, cancellation);
                }
                else
                {
                    counter.Waiting--;
                }

                registration.Status = nameof(RegistrationStatus.Cancelled);
                registration.ChangedAt = now;
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, registration, registration.ETag));
                actions.Add(CounterUpdate(counter));
                if (await _table.TrySubmitAsync(actions, cancellation) is not null)
                {
                    Committed(counter);
                    return true;
                }

                await Backoff(attempt, cancellation);
            }

            throw new StorageUnavailableException($"session '{sessionId}' stayed contended after {MaxAttempts} attempts");
        }, cancellation);

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
    internal async Task<SessionOutcome?> OutcomeAsync(RegistrationEntity registration, CancellationToken cancellation)
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

    /// <summary>Work on a session's seats alone behind its gate, not shared with waiting registrations.</summary>
    private Task<T> InSession<T>(string sessionId, Func<Task<T>> work, CancellationToken cancellation) =>
        _gates.AloneAsync(sessionId, () => Guard(cancellation, work), cancellation);
}
