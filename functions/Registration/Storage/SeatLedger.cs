using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Mail;
using static WeekendCulturel.Registration.Storage.StorageGuard;
using static WeekendCulturel.Registration.Storage.TableTransactions;

namespace WeekendCulturel.Registration.Storage;

/// <summary>
/// The seats of every session: its counter and its registration rows. Every change to a session's seats is
/// one entity-group transaction in the session's partition, guarded by the counter's ETag: two writers that
/// read the same counter cannot both commit, the loser gets 412 and tries again on fresh data. That is what
/// makes overbooking impossible, on Azure as on Azurite, whatever the number of processes.
/// </summary>
public sealed class SeatLedger(TableClient table, SeatTerms terms, OutboxRows outbox)
{
    private readonly TableClient _table = table;

    /// <summary>How many people one transaction can change: each costs two actions (their row and their message), the counter one.</summary>
    private const int PeoplePerTransaction = (MaxActions - 1) / 2;

    /// <summary>How many new registrations one transaction can take: each costs one action (their row, carrying its message), the counter one.</summary>
    private const int ArrivalsPerTransaction = MaxActions - 1;

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
    private readonly ConcurrentDictionary<string, (long Commit, SeatCounts Counts)> _committed = new(StringComparer.Ordinal);
    private long _commits;

    private long _seatTransactions;

    /// <summary>Transactions this ledger has sent to give seats or waiting numbers (what registrations cost storage).</summary>
    public long SeatTransactions => Interlocked.Read(ref _seatTransactions);

    /// <summary>How many transactions this process has committed on seat counters so far.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>A session's counts as this process committed them after its first <paramref name="commits"/> commits, if it did.</summary>
    public SeatCounts? CommittedSince(string sessionId, long commits) =>
        _committed.TryGetValue(sessionId, out var last) && last.Commit > commits ? last.Counts : null;

    public Task<SeatCounts?> CountsAsync(string sessionId, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var counter = await CounterAsync(sessionId, cancellation);
        return counter is null ? (SeatCounts?)null : CountsOf(counter);
    });

    private static SeatCounts CountsOf(CounterEntity counter) => new(counter.Capacity, counter.Confirmed, counter.Waiting, counter.Held);

    /// <summary>
    /// Sets a session's capacity and waiting-list flag. A raised capacity gives the new seats to the waiting
    /// list in order (<see cref="PromoteAsync"/>); a lowered one removes nobody. Returns how many were
    /// promoted; their messages are left to <see cref="OutboxRows.Owed"/>.
    /// </summary>
    public Task<int> SetCapacityAsync(SessionDefinition session, IReadOnlyCollection<string> overlapping, DateTimeOffset now, CancellationToken cancellation = default) =>
        InSession(session.Id, async () =>
        {
            var sessionId = session.Id;
            Forget(sessionId);
            var promoted = 0;
            for (var attempt = 1; ; attempt++)
            {
                var counter = await CounterAsync(sessionId, cancellation) ?? new CounterEntity { PartitionKey = sessionId, NextSequence = 1 };
                var isNew = counter.ETag == default;
                counter.Capacity = session.Capacity;
                counter.Waitlist = session.Waitlist;
                var actions = new List<TableTransactionAction>();
                var messages = new List<OutboxEntity>();

                // As many promotions as fit with the counter in one transaction.
                var promote = await PromoteAsync(session, counter, overlapping, PeoplePerTransaction, now, actions, messages, new HashSet<string>(), cancellation);
                actions.Add(isNew
                    ? new TableTransactionAction(TableTransactionActionType.Add, counter)
                    : CounterUpdate(counter));
                if (await _table.TrySubmitAsync(actions, cancellation) is not null)
                {
                    Committed(counter);
                    outbox.Owe(messages);
                    promoted += promote;

                    // More than one batch of promotions: go round again on the fresh counter.
                    if (promote == PeoplePerTransaction)
                    {
                        continue;
                    }

                    return promoted;
                }

                await Backoff(attempt, cancellation);
            }
        }, cancellation);

    /// <summary>
    /// Gives the counter's free seats (to at most <paramref name="most"/> people) to those <see cref="Promotion.Choose"/>
    /// picks from the waiting list, as <see cref="SeatTerms.Freed"/> says for this moment: confirmed at once
    /// (version 1), offered (held for them until <see cref="SeatTerms.OfferUntil"/>), or not at all once offers
    /// are over (the seat stays free for the door). Adds their rows and messages to <paramref name="actions"/>;
    /// the counter is changed to match, not committed. Whether someone holds a seat in an overlapping session is
    /// read from their row there (a point read in that session's partition), for as many people from the head of
    /// the list as the choice needs: the transaction stays in this session's partition. Rows in
    /// <paramref name="changing"/> are already in the transaction and are not chosen. Returns how many were promoted.
    /// </summary>
    private async Task<int> PromoteAsync(SessionDefinition session, CounterEntity counter, IReadOnlyCollection<string> overlapping, int most, DateTimeOffset now, List<TableTransactionAction> actions, List<OutboxEntity> messages, IReadOnlySet<string> changing, CancellationToken cancellation)
    {
        var freed = terms.Freed(now, session);
        var seats = Math.Min(most, SeatsOf(counter).Free);
        if (seats <= 0 || counter.Waiting <= 0 || freed == FreedSeat.KeepForDoor)
        {
            return 0;
        }

        var waiting = (await WaitingInOrderAsync(counter.PartitionKey, cancellation)).Where(w => !changing.Contains(w.RowKey)).ToList();
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
        var offerUntil = terms.OfferUntil(now, session);
        foreach (var row in chosen)
        {
            var person = byRow[row];
            person.ChangedAt = now;
            MessageKind kind;
            if (freed == FreedSeat.Offer)
            {
                // An offer waits for the person to confirm it, even from a verified address: they may no longer want it.
                person.Status = nameof(RegistrationStatus.Held);
                person.HoldUntil = offerUntil;
                person.Offer = true;
                counter.Held++;
                counter.NextExpiry = Earliest(counter.NextExpiry, offerUntil);
                kind = MessageKind.Offer;
            }
            else
            {
                person.Status = nameof(RegistrationStatus.Confirmed);
                person.HoldUntil = null;
                counter.Confirmed++;
                kind = MessageKind.Confirmed;
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, person, person.ETag));
            var message = MessageFor(person, kind, now);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, message));
            messages.Add(message);
        }

        counter.Waiting -= chosen.Count;
        return chosen.Count;
    }

    private static OutboxEntity MessageFor(RegistrationEntity person, MessageKind kind, DateTimeOffset now) =>
        OutboxRows.Message(person.PartitionKey, kind, person.Lang, person.Email, TableKeys.Registration.Rest(person.RowKey), person.BookingId, person.PartitionKey, now);

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    /// <summary>Whether the person of a registration row holds a seat (confirmed or held) in any of these sessions: a point read in each.</summary>
    private async Task<bool> HoldsAnySeatAsync(IEnumerable<string> sessionIds, string row, CancellationToken cancellation) =>
        (await Task.WhenAll(sessionIds.Select(id => SeatedAsync(id, row, cancellation)))).Any(seated => seated);

    private async Task<bool> SeatedAsync(string sessionId, string row, CancellationToken cancellation)
    {
        var found = await _table.GetEntityIfExistsAsync<RegistrationEntity>(sessionId, row, select: [nameof(RegistrationEntity.Status)], cancellationToken: cancellation);
        return found.HasValue && found.Value!.Status is nameof(RegistrationStatus.Confirmed) or nameof(RegistrationStatus.Held);
    }

    // ---- registering ---------------------------------------------------------------------------------

    /// <summary>
    /// What the person holds in a session, as an answer to a request of booking <paramref name="bookingId"/>:
    /// null when nothing (none, cancelled or expired); the real state when it is this booking's (a retry);
    /// else <c>registered</c>, and the address is sent its own links (at most once an hour per session).
    /// </summary>
    public Task<(SessionOutcome? Outcome, OutboxEntity? Message)> ExistingAsync(string sessionId, string emailHash, string bookingId, DateTimeOffset now, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var found = await RowAsync(sessionId, RegistrationEntity.RowFor(emailHash), cancellation);
        return found is null || !Holds(found) ? ((SessionOutcome?)null, (OutboxEntity?)null) : await AnswerForAsync(found, bookingId, now, cancellation);
    });

    /// <summary>Whether a row still holds something (a seat, held or confirmed, or a place on the list).</summary>
    private static bool Holds(RegistrationEntity row) => row.Status is not (nameof(RegistrationStatus.Cancelled) or nameof(RegistrationStatus.Expired));

    /// <summary>The answer about a row the person holds, for a request of <paramref name="bookingId"/> (see <see cref="ExistingAsync"/>).</summary>
    private async Task<(SessionOutcome? Outcome, OutboxEntity? Message)> AnswerForAsync(RegistrationEntity row, string bookingId, DateTimeOffset now, CancellationToken cancellation)
    {
        if (row.BookingId == bookingId)
        {
            return (await OutcomeAsync(row, cancellation), null);
        }

        // The answer must not say more about an address than the request created: the person learns by e-mail.
        var message = await outbox.AddLimitedAsync(MessageFor(row, MessageKind.AlreadyRegistered, now), row.BookingId + "\n" + row.PartitionKey, most: 1, cancellation);
        return (SessionOutcome.Registered(row.PartitionKey), message);
    }

    /// <summary>Whether the person holds a seat (confirmed or held) in a session: one point read of their row's status.</summary>
    public Task<bool> HoldsSeatAsync(string sessionId, string emailHash, CancellationToken cancellation = default) =>
        Guard(cancellation, () => SeatedAsync(sessionId, RegistrationEntity.RowFor(emailHash), cancellation));

    /// <summary>
    /// Registers one person to one session in one transaction with the session's counter and the message it
    /// owes: a seat if one is free (held until <paramref name="holdUntil"/> when that is given, else
    /// confirmed), else the end of the waiting list if the session has one and the person accepts it. A
    /// person already registered keeps what they have (no second seat).
    /// </summary>
    /// <remarks>
    /// Registrations to one session wait for its gate in a queue, in the order they came. The gate holder
    /// commits every waiting registration it can (up to 99, one person once) in one transaction: the counter
    /// once, with its ETag, and each person's row, which carries their message; seats and waiting numbers are given in queue
    /// order. Under load, a session's writers therefore share a transaction instead of taking one each, which
    /// is cheaper for storage and shortens the queue. Whatever does not fit that fast path is done alone,
    /// exactly as a single registration: a refusal (decided on a fresh read), and every member of a
    /// transaction that failed (another writer changed the counter, or a person is registered here already).
    /// Before any of it, holds past their deadline are released (<see cref="ReleaseExpiredAsync"/>).
    /// </remarks>
    public async Task<SeatTaken> RegisterAsync(SessionDefinition session, Applicant applicant, string emailHash, string bookingId, DateTimeOffset now, DateTimeOffset? holdUntil = null, IReadOnlyCollection<string>? overlapping = null, CancellationToken cancellation = default)
    {
        var mine = new PendingRegistration(session, applicant, emailHash, bookingId, holdUntil, overlapping ?? [], now, cancellation);
        await _gates.TakeTurnAsync(session.Id, mine, mine.Done.Task, queue => CommitWaitingAsync(session.Id, queue));
        return await mine.Done.Task;
    }

    /// <summary>A registration waiting for its session's gate, done by whoever holds the gate first.</summary>
    private sealed class PendingRegistration(SessionDefinition session, Applicant applicant, string emailHash, string bookingId, DateTimeOffset? holdUntil, IReadOnlyCollection<string> overlapping, DateTimeOffset now, CancellationToken cancellation)
    {
        public SessionDefinition Session { get; } = session;
        public Applicant Applicant { get; } = applicant;
        public string EmailHash { get; } = emailHash;
        public string Row { get; } = RegistrationEntity.RowFor(emailHash);
        public string BookingId { get; } = bookingId;

        /// <summary>Until when a seat or a waiting place taken is kept unconfirmed; null: confirmed at once.</summary>
        public DateTimeOffset? HoldUntil { get; } = holdUntil;
        public IReadOnlyCollection<string> Overlapping { get; } = overlapping;
        public DateTimeOffset Now { get; } = now;
        public CancellationToken Cancellation { get; } = cancellation;
        public TaskCompletionSource<SeatTaken> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
            HoldUntil = HoldUntil,
        };
    }

    /// <summary>
    /// With the session's gate held: releases what expired if the counter says something may have, then takes
    /// the registrations waiting for the gate, in order, and commits those it can in one transaction; the
    /// others are done one at a time. Each waiting registration gets its answer.
    /// </summary>
    private async Task CommitWaitingAsync(string sessionId, ConcurrentQueue<PendingRegistration> queue)
    {
        if (queue.TryPeek(out var first))
        {
            try
            {
                // The counter this process holds, read without a copy: this runs at every turn of the gate.
                var counter = _counters.TryGetValue(sessionId, out var held) ? held : (await Guard(CancellationToken.None, () => CounterForWriteAsync(sessionId, CancellationToken.None))).Counter;
                if (counter.NextExpiry <= first.Now)
                {
                    await Guard(CancellationToken.None, () => ReleaseWithinGateAsync(first.Session, first.Overlapping, first.Now, CancellationToken.None));
                }
            }
            catch (Exception e)
            {
                // Storage failed before anything was decided: each waiting registration is told, as its own would be.
                while (queue.TryDequeue(out var pending))
                {
                    pending.Done.TrySetException(e);
                }

                return;
            }
        }

        var group = new List<PendingRegistration>();
        var alone = new List<PendingRegistration>();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        while (group.Count < ArrivalsPerTransaction && queue.TryDequeue(out var next))
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
    /// One transaction for several people: the counter, then each one's new row (carrying its message), seats first,
    /// then waiting numbers, in queue order. Returns those left to do alone: the ones a seat or the waiting
    /// list cannot take (their refusal is decided on a fresh read), or everyone when the transaction wrote nothing.
    /// </summary>
    private async Task<List<PendingRegistration>> CommitTogetherAsync(string sessionId, List<PendingRegistration> group)
    {
        var left = new List<PendingRegistration>();
        try
        {
            // Not the token of any one request: the others' registrations must not fail with it.
            var (counter, _) = await Guard(CancellationToken.None, () => CounterForWriteAsync(sessionId, CancellationToken.None));
            var taken = new List<(PendingRegistration Pending, SessionOutcome Outcome, OutboxEntity Message)>();
            var actions = new List<TableTransactionAction> { CounterUpdate(counter) };
            foreach (var pending in group)
            {
                var verdict = SeatDecision.For(SeatsOf(counter), pending.Applicant.AcceptWaitlist);
                if (verdict == SeatVerdict.Full)
                {
                    left.Add(pending);
                    continue;
                }

                var (registration, outcome, kind) = Take(counter, pending, verdict);
                var message = OutboxRows.Carry(registration, kind, pending.Now);
                actions.Add(new(TableTransactionActionType.Add, registration));
                taken.Add((pending, outcome, message));
            }

            if (taken.Count == 0)
            {
                return left;
            }

            Interlocked.Increment(ref _seatTransactions);
            if (await Guard(CancellationToken.None, () => _table.TrySubmitAsync(actions, CancellationToken.None)) is { } committed)
            {
                Remember(counter, committed[0].Headers.ETag);
                foreach (var (pending, outcome, message) in taken)
                {
                    pending.Done.TrySetResult(new SeatTaken(outcome, true, message));
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
    /// trip: the transaction is built on the counter this process holds and inserts the person's row, which
    /// carries their message. If it fails, nothing was written: either another writer changed the counter
    /// (412) or the person is registered here already (the insert conflicts); the counter and the person's
    /// row are then read, and the row, if any, is what the person holds.
    /// </summary>
    private async Task<SeatTaken> RegisterAloneAsync(PendingRegistration pending)
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
                if (existing is not null && Holds(existing))
                {
                    // The person's row: made by an earlier request, or by this one when an attempt landed
                    // but its answer was lost (the client's retry then failed on the changed ETag).
                    var (answer, message) = await AnswerForAsync(existing, bookingId, pending.Now, cancellation);
                    return new SeatTaken(answer!, false, message);
                }

                var verdict = SeatDecision.For(SeatsOf(counter), applicant.AcceptWaitlist);
                if (verdict == SeatVerdict.Full)
                {
                    if (!remembered && rowRead)
                    {
                        return new SeatTaken(SessionOutcome.Rejected(session.Id, RejectionReason.Full), false, null);
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

                var (registration, outcome, kind) = Take(counter, pending, verdict);
                var actions = new List<TableTransactionAction> { CounterUpdate(counter) };
                OutboxEntity owed;
                if (existing is null)
                {
                    owed = OutboxRows.Carry(registration, kind, pending.Now);
                    actions.Add(new(TableTransactionActionType.Add, registration));
                }
                else
                {
                    // A row cancelled or expired before, taken again: it keeps the message it carries (sent
                    // or not), and the new one is a row of its own.
                    (registration.OwedKind, registration.OwedAt, registration.OwedBooking, registration.Owed) = (existing.OwedKind, existing.OwedAt, existing.OwedBooking, existing.Owed);
                    owed = MessageFor(registration, kind, pending.Now);
                    actions.Add(new(TableTransactionActionType.UpdateReplace, registration, existing.ETag));
                    actions.Add(new(TableTransactionActionType.Add, owed));
                }

                // An abandoned request sends nothing more; once sent, whether it landed is unknown.
                cancellation.ThrowIfCancellationRequested();
                Interlocked.Increment(ref _seatTransactions);
                sending = true;
                var committed = await _table.TrySubmitAsync(actions, cancellation);
                sending = false;
                if (committed is not null)
                {
                    Remember(counter, committed[0].Headers.ETag);
                    return new SeatTaken(outcome, true, owed);
                }

                // Nothing was written. The counter changed under us, or the person has a row here already.
                Forget(session.Id);
                existing = await RowAsync(session.Id, row, cancellation);
                rowRead = true;
                if (existing is null || !Holds(existing))
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

    private static SessionSeats SeatsOf(CounterEntity counter) => new(counter.Capacity, counter.Confirmed, counter.Waitlist, counter.Held);

    /// <summary>
    /// Writes a verdict of <see cref="SeatDecision"/> into the counter (a seat taken, held or confirmed, or the
    /// next place in the waiting order) and gives the person's row to commit with it, the outcome they get once
    /// it lands and the message it owes. A person who must confirm gets one message asking for it, whatever they got.
    /// </summary>
    private static (RegistrationEntity Row, SessionOutcome Outcome, MessageKind Kind) Take(CounterEntity counter, PendingRegistration pending, SeatVerdict verdict)
    {
        RegistrationEntity row;
        SessionOutcome outcome;
        switch (verdict)
        {
            case SeatVerdict.Confirmed when pending.HoldUntil is { } until:
                counter.Held++;
                counter.NextExpiry = Earliest(counter.NextExpiry, until);
                row = pending.Entity(RegistrationStatus.Held, 0);
                outcome = SessionOutcome.Held(counter.PartitionKey, until);
                break;
            case SeatVerdict.Confirmed:
                counter.Confirmed++;
                row = pending.Entity(RegistrationStatus.Confirmed, 0);
                outcome = SessionOutcome.Confirmed(counter.PartitionKey);
                break;
            case SeatVerdict.Waitlisted:
                counter.Waiting++;
                if (pending.HoldUntil is { } confirmBy)
                {
                    counter.NextExpiry = Earliest(counter.NextExpiry, confirmBy);
                }

                row = pending.Entity(RegistrationStatus.Waitlisted, counter.NextSequence++);
                outcome = SessionOutcome.Waitlisted(counter.PartitionKey, counter.Waiting, pending.HoldUntil);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "a refusal takes nothing");
        }

        var kind = pending.HoldUntil is not null ? MessageKind.ConfirmRequest
            : verdict == SeatVerdict.Confirmed ? MessageKind.Confirmed
            : MessageKind.Waitlisted;
        return (row, outcome, kind);
    }

    /// <summary>
    /// Cancels a booking's registration to a session, with the message that says so. A freed seat goes, in the
    /// same transaction, to the first person on the waiting list who holds no seat in one of the
    /// <paramref name="overlapping"/> sessions (<see cref="PromoteAsync"/>). Cancelling what is already
    /// cancelled (or expired) changes nothing. Returns the messages owed, none when nothing changed.
    /// </summary>
    public Task<IReadOnlyList<OutboxEntity>> CancelAsync(SessionDefinition session, IReadOnlyCollection<string> overlapping, string emailHash, string bookingId, DateTimeOffset now, CancellationToken cancellation = default) =>
        InSession(session.Id, async () =>
        {
            var sessionId = session.Id;
            Forget(sessionId);
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var registration = await RowAsync(sessionId, RegistrationEntity.RowFor(emailHash), cancellation);
                if (registration is null || registration.BookingId != bookingId || !Holds(registration))
                {
                    return (IReadOnlyList<OutboxEntity>)[];
                }

                var counter = (await CounterAsync(sessionId, cancellation))!;
                var actions = new List<TableTransactionAction>();
                var messages = new List<OutboxEntity>();
                var status = registration.Status;
                registration.Status = nameof(RegistrationStatus.Cancelled);
                registration.HoldUntil = null;
                registration.ChangedAt = now;
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, registration, registration.ETag));
                var message = MessageFor(registration, MessageKind.Cancelled, now);
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, message));
                messages.Add(message);
                if (status == nameof(RegistrationStatus.Waitlisted))
                {
                    counter.Waiting--;
                }
                else
                {
                    if (status == nameof(RegistrationStatus.Held))
                    {
                        counter.Held--;
                    }
                    else
                    {
                        counter.Confirmed--;
                    }

                    // Every free seat, not only this one: seats left free because everyone waiting then held
                    // an overlapping seat go now to whoever may take them. Room is kept for the cancelled row,
                    // its message and the counter.
                    await PromoteAsync(session, counter, overlapping, (MaxActions - 3) / 2, now, actions, messages, new HashSet<string> { registration.RowKey }, cancellation);
                }

                actions.Add(CounterUpdate(counter));
                if (await _table.TrySubmitAsync(actions, cancellation) is not null)
                {
                    Committed(counter);
                    return messages;
                }

                await Backoff(attempt, cancellation);
            }

            throw new StorageUnavailableException($"session '{sessionId}' stayed contended after {MaxAttempts} attempts");
        }, cancellation);

    /// <summary>
    /// Confirms what a booking holds in a session, with the code already checked: a held seat becomes
    /// confirmed (with its message), a place on the waiting list is kept for good. Deadlines passed are
    /// released first, so a late confirmation finds its seat expired. Null when the session holds nothing of
    /// this booking.
    /// </summary>
    public Task<(SessionOutcome? Outcome, OutboxEntity? Message)> ConfirmAsync(SessionDefinition session, IReadOnlyCollection<string> overlapping, string emailHash, string bookingId, DateTimeOffset now, CancellationToken cancellation = default) =>
        InSession(session.Id, async () =>
        {
            var sessionId = session.Id;
            Forget(sessionId);
            await ReleaseWithinGateAsync(session, overlapping, now, cancellation);
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var registration = await RowAsync(sessionId, RegistrationEntity.RowFor(emailHash), cancellation);
                if (registration is null || registration.BookingId != bookingId)
                {
                    return ((SessionOutcome?)null, (OutboxEntity?)null);
                }

                if (registration.HoldUntil is null || registration.Status is not (nameof(RegistrationStatus.Held) or nameof(RegistrationStatus.Waitlisted)))
                {
                    // Confirmed already, cancelled or expired: confirming again changes nothing.
                    return (await OutcomeAsync(registration, cancellation), null);
                }

                var actions = new List<TableTransactionAction>();
                OutboxEntity? message = null;
                CounterEntity? counter = null;
                if (registration.Status == nameof(RegistrationStatus.Held))
                {
                    counter = (await CounterAsync(sessionId, cancellation))!;
                    counter.Held--;
                    counter.Confirmed++;
                    registration.Status = nameof(RegistrationStatus.Confirmed);
                    message = MessageFor(registration, MessageKind.Confirmed, now);
                }

                registration.HoldUntil = null;
                registration.Offer = false;
                registration.ChangedAt = now;
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, registration, registration.ETag));
                if (counter is not null)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, message!));
                    actions.Add(CounterUpdate(counter));
                }

                if (await _table.TrySubmitAsync(actions, cancellation) is not null)
                {
                    if (counter is not null)
                    {
                        Committed(counter);
                    }

                    return (await OutcomeAsync(registration, cancellation), message);
                }

                await Backoff(attempt, cancellation);
            }

            throw new StorageUnavailableException($"session '{sessionId}' stayed contended after {MaxAttempts} attempts");
        }, cancellation);

    /// <summary>
    /// Releases every hold, offer and unconfirmed waiting place of the session whose deadline has passed, with
    /// the message each person is owed, and gives the seats freed to the waiting list (<see cref="PromoteAsync"/>).
    /// Costs one counter read when nothing can have expired yet (<see cref="CounterEntity.NextExpiry"/>).
    /// Returns the messages owed.
    /// </summary>
    public Task<IReadOnlyList<OutboxEntity>> ReleaseExpiredAsync(SessionDefinition session, IReadOnlyCollection<string> overlapping, DateTimeOffset now, CancellationToken cancellation = default) =>
        InSession(session.Id, async () =>
        {
            Forget(session.Id);
            return await ReleaseWithinGateAsync(session, overlapping, now, cancellation);
        }, cancellation);

    private async Task<IReadOnlyList<OutboxEntity>> ReleaseWithinGateAsync(SessionDefinition session, IReadOnlyCollection<string> overlapping, DateTimeOffset now, CancellationToken cancellation)
    {
        var sessionId = session.Id;
        Forget(sessionId);
        var owed = new List<OutboxEntity>();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var counter = await CounterAsync(sessionId, cancellation);
            if (counter is null || counter.NextExpiry > now)
            {
                outbox.Owe(owed);
                return owed;
            }

            // Everyone with a deadline: those past it are released, the earliest of the others is the next expiry.
            var deadlines = new List<RegistrationEntity>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {sessionId} and (Status eq {nameof(RegistrationStatus.Held)} or Status eq {nameof(RegistrationStatus.Waitlisted)}) and HoldUntil ge {DateTimeOffset.UnixEpoch}");
            await foreach (var row in _table.QueryAsync<RegistrationEntity>(filter, cancellationToken: cancellation))
            {
                deadlines.Add(row);
            }

            // As many as fit in one transaction with their messages and the seats they free; the rest next round.
            var expired = deadlines.Where(r => r.HoldUntil <= now).OrderBy(r => r.HoldUntil).Take((MaxActions - 1) / 4).ToList();
            var remaining = deadlines.Where(r => r.HoldUntil > now).Select(r => r.HoldUntil!.Value).ToList();
            var more = deadlines.Count(r => r.HoldUntil <= now) > expired.Count;
            var actions = new List<TableTransactionAction>();
            var messages = new List<OutboxEntity>();
            foreach (var row in expired)
            {
                var kind = row.Status == nameof(RegistrationStatus.Held) && row.Offer ? MessageKind.OfferExpired : MessageKind.HoldExpired;
                if (row.Status == nameof(RegistrationStatus.Held))
                {
                    counter.Held--;
                }
                else
                {
                    counter.Waiting--;
                }

                row.Status = nameof(RegistrationStatus.Expired);
                row.ChangedAt = now;
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag));
                var message = MessageFor(row, kind, now);
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, message));
                messages.Add(message);
            }

            counter.NextExpiry = CounterEntity.Never;
            await PromoteAsync(session, counter, overlapping, (MaxActions - 1 - actions.Count) / 2, now, actions, messages, expired.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal), cancellation);
            foreach (var until in remaining)
            {
                counter.NextExpiry = Earliest(counter.NextExpiry, until);
            }

            if (more)
            {
                counter.NextExpiry = now;
            }

            actions.Add(CounterUpdate(counter));
            if (await _table.TrySubmitAsync(actions, cancellation) is not null)
            {
                Committed(counter);
                owed.AddRange(messages);
                continue;
            }

            await Backoff(attempt, cancellation);
        }

        throw new StorageUnavailableException($"session '{sessionId}' stayed contended after {MaxAttempts} attempts");
    }

    /// <summary>
    /// Records the reminder of every confirmed attendee of the session who has not had one: their row marked
    /// and their message, in transactions of the session's partition, so each attendee is reminded once.
    /// A row changed meanwhile (a cancellation) fails its transaction, and the next sweep looks again.
    /// </summary>
    public Task<IReadOnlyList<OutboxEntity>> RemindAsync(string sessionId, DateTimeOffset now, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var due = new List<RegistrationEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {sessionId} and Status eq {nameof(RegistrationStatus.Confirmed)} and Reminded ne true");
        await foreach (var row in _table.QueryAsync<RegistrationEntity>(filter, cancellationToken: cancellation))
        {
            due.Add(row);
        }

        var owed = new List<OutboxEntity>();
        foreach (var chunk in due.Chunk(MaxActions / 2))
        {
            var messages = chunk.Select(row => MessageFor(row, MessageKind.Reminder, now)).ToList();
            var actions = chunk.Select(row =>
            {
                row.Reminded = true;
                return new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag);
            }).Concat(messages.Select(m => new TableTransactionAction(TableTransactionActionType.Add, m))).ToList();
            if (await _table.TrySubmitAsync(actions, cancellation) is not null)
            {
                owed.AddRange(messages);
            }
        }

        return (IReadOnlyList<OutboxEntity>)owed;
    });

    private async Task<CounterEntity?> CounterAsync(string sessionId, CancellationToken cancellation)
    {
        var found = await _table.GetEntityIfExistsAsync<CounterEntity>(sessionId, TableKeys.Counter, cancellationToken: cancellation);
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
        _committed[counter.PartitionKey] = (Interlocked.Increment(ref _commits), CountsOf(counter));

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
        Held = c.Held,
        NextExpiry = c.NextExpiry,
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
    internal async Task<SessionOutcome> OutcomeAsync(RegistrationEntity registration, CancellationToken cancellation)
    {
        var session = registration.PartitionKey;
        switch (registration.Status)
        {
            case nameof(RegistrationStatus.Confirmed):
                return SessionOutcome.Confirmed(session);
            case nameof(RegistrationStatus.Held):
                return SessionOutcome.Held(session, registration.HoldUntil ?? registration.ChangedAt);
            case nameof(RegistrationStatus.Cancelled):
                return SessionOutcome.Cancelled(session);
            case nameof(RegistrationStatus.Expired):
                return SessionOutcome.Expired(session);
        }

        var ahead = 0;
        var status = nameof(RegistrationStatus.Waitlisted);
        var sequence = registration.Sequence;
        await foreach (var _ in _table.QueryAsync<RegistrationEntity>(x => x.PartitionKey == session && x.Status == status && x.Sequence < sequence, select: ["Sequence"], cancellationToken: cancellation))
        {
            ahead++;
        }

        return SessionOutcome.Waitlisted(session, ahead + 1, registration.HoldUntil);
    }

    /// <summary>Work on a session's seats alone behind its gate, not shared with waiting registrations.</summary>
    private Task<T> InSession<T>(string sessionId, Func<Task<T>> work, CancellationToken cancellation) =>
        _gates.AloneAsync(sessionId, () => Guard(cancellation, work), cancellation);
}

/// <summary>A session's seats: capacity, confirmed, waiting and held.</summary>
public readonly record struct SeatCounts(int Capacity, int Confirmed, int Waiting, int Held);

/// <summary>What one registration got in one session: its outcome, whether this request made it, and the message it owes.</summary>
public sealed record SeatTaken(SessionOutcome Outcome, bool Created, OutboxEntity? Message);
