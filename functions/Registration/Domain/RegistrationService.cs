using WeekendCulturel.Registration.Mail;
using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Registration.Domain;

/// <summary>What a registration request produced; no token when every session was the address's already (nothing new to manage).</summary>
public sealed record RegistrationReply(string BookingId, string? ManageToken, IReadOnlyList<SessionOutcome> Results, bool AnyCreated)
{
    public bool AnyRegistered => Results.Any(r => r.IsRegistered);
}

/// <summary>A booking as its owner sees it.</summary>
public sealed record BookingView(string BookingId, string FirstName, string MaskedEmail, string Lang, IReadOnlyList<SessionOutcome> Results)
{
    /// <summary>The earliest deadline among what waits for a confirmation (held seats, waiting places to confirm), if any.</summary>
    public DateTimeOffset? Deadline => Results.Select(r => r.HoldUntil ?? r.ConfirmBy).Where(d => d is not null).Min();
}

/// <summary>How a confirmation went.</summary>
public enum ConfirmVerdict
{
    Confirmed,
    UnknownBooking,
    WrongCode,

    /// <summary>Every deadline of the booking had passed: nothing is left to confirm.</summary>
    Late,
}

/// <summary>
/// The registration rules: windows, overlaps, one seat per person, bookings and their secrets, holds and
/// their confirmation, and the messages each change owes. The seat arithmetic itself is the store's, inside
/// its transactions; what those transactions owe is sent by the dispatcher, nudged once a request is done.
/// </summary>
public sealed class RegistrationService(RegistrationStore store, SessionCatalogue catalogue, EmailIdentity emails, IdempotencyKeys keys, BookingSecrets secrets, NewsletterTokens newsletterTokens, RegistrationOptions options, IMessageNudge nudge, TimeProvider clock)
{
    /// <summary>How old the live counts may be: page loads at opening time must not compete with registrations for storage.</summary>
    public static readonly TimeSpan CountsMaxAge = TimeSpan.FromSeconds(2);

    private readonly PersonTurns _turns = new();
    private readonly Snapshot<CountsRead> _counts = new(() => ReadCountsAsync(store, catalogue), clock, CountsMaxAge);

    public SeatTerms Terms { get; } = SeatTerms.From(options);

    /// <summary>People whose registration is being decided in this process at this moment.</summary>
    public int PeopleInTurn => _turns.Count;

    public DateTimeOffset Now => clock.GetLocalNow();

    public Task<IReadOnlyDictionary<string, SessionDefinition>> SessionsAsync(CancellationToken cancellation = default) => catalogue.AllAsync(cancellation);

    public Task<IReadOnlyDictionary<string, FreeEntrySession>> FreeEntryAsync(CancellationToken cancellation = default) => catalogue.FreeEntryAsync(cancellation);

    /// <summary>The site's pages in <paramref name="lang"/>, as the last sync stored them.</summary>
    public Task<SitePages> PagesAsync(string lang, CancellationToken cancellation = default) => catalogue.PagesAsync(lang, cancellation);

    /// <summary>The site's pages in <paramref name="lang"/> as last read, without asking storage.</summary>
    public SitePages KnownPages(string lang) => catalogue.KnownPages(lang);

    /// <summary>
    /// Registers the applicant to each session in the order asked. The booking is written first, so that
    /// whatever was registered can always be managed with the token; each session is then its own
    /// transaction, with the message it owes, and a repeated request finds what the first one made. With an
    /// idempotency key, a repeat is the same booking (<see cref="IdempotencyKeys"/>): same id, same token, the
    /// results of now. An address not yet verified gets its seats held until it confirms (<see cref="SeatTerms.HoldUntil"/>).
    /// </summary>
    /// <remarks>
    /// Someone never seen before (their marker was written with this booking) holds nothing anywhere: their
    /// overlaps are checked against what this request took, without reading storage, and they are not
    /// verified. For anyone else, each overlapping session is read, and their marker says whether they are
    /// verified. A person's requests take turns (<see cref="PersonTurns"/>), so that two sent at once cannot
    /// both miss the other's seat.
    /// </remarks>
    public async Task<RegistrationReply> RegisterAsync(IReadOnlyList<string> sessionIds, Applicant applicant, string? idempotencyKey = null, CancellationToken cancellation = default)
    {
        var sessions = await catalogue.AllAsync(cancellation);
        var emailHash = emails.Hash(applicant.Email);

        // One request of a person at a time (in this process): the second sees what the first one holds.
        using var turn = await _turns.TakeAsync(emailHash, cancellation);
        var now = Now;
        var (bookingId, token) = IdempotencyKeys.IsWellFormed(idempotencyKey)
            ? Keyed(keys.BookingIdFor(idempotencyKey!, emailHash, sessionIds, secrets))
            : secrets.NewBooking(emailHash);
        var tokenHash = ManageToken.Hash(token);
        var firstSeen = await store.Bookings.CreateBookingAsync(new BookingEntity
        {
            PartitionKey = BookingEntity.PartitionFor(tokenHash),
            RowKey = tokenHash,
            TokenHash = tokenHash,
            BookingId = bookingId,
            EmailHash = emailHash,
            Sessions = string.Join(',', sessionIds),
            FirstName = applicant.FirstName,
            Email = applicant.Email,
            Lang = applicant.Lang,
            CreatedAt = now,
        }, cancellation);
        var verified = !Terms.ConfirmByEmail || (!firstSeen && await store.Bookings.IsVerifiedAsync(emailHash, cancellation));

        var results = new List<SessionOutcome>();
        var messages = new List<OutboxEntity>();
        var anyCreated = false;
        try
        {
            foreach (var id in sessionIds)
            {
                // A session can leave the catalogue after the request was validated (a publication, then a refresh):
                // its registration is over.
                if (!sessions.TryGetValue(id, out var session))
                {
                    results.Add(SessionOutcome.Rejected(id, RejectionReason.Closed));
                    continue;
                }

                // What the person already holds in a session is reported whatever else applies. The store finds it
                // itself when it registers (its insert conflicts); it is read here only before a refusal.
                RejectionReason? refusal = now < session.Opens ? RejectionReason.NotYetOpen
                    : now >= session.Closes ? RejectionReason.Closed
                    : await ConflictsAsync(session, sessions, emailHash, firstSeen, results, cancellation) ? RejectionReason.Conflict
                    : null;
                if (refusal is { } reason)
                {
                    var (existing, told) = firstSeen ? (null, null) : await store.Seats.ExistingAsync(id, emailHash, bookingId, now, cancellation);
                    results.Add(existing ?? SessionOutcome.Rejected(id, reason));
                    messages.AddIfNotNull(told);
                    continue;
                }

                var taken = await store.Seats.RegisterAsync(session, applicant, emailHash, bookingId, now, Terms.HoldUntil(verified, now, session), session.OverlappingIn(sessions.Values), cancellation);
                anyCreated |= taken.Created;
                results.Add(taken.Outcome);
                messages.AddIfNotNull(taken.Message);
            }
        }
        finally
        {
            // Whatever was committed is told, even when a later session failed.
            await NudgeAsync(messages);
        }

        return new RegistrationReply(bookingId, results.All(r => r.Status == OutcomeStatus.Registered) ? null : token, results, anyCreated);
    }

    private (string BookingId, string ManageToken) Keyed(string bookingId) => (bookingId, secrets.TokenFor(bookingId));

    /// <summary>
    /// Whether the person holds a seat (confirmed or held) in a session that overlaps this one. Someone seen
    /// for the first time holds only what this request has taken so far; for anyone else, their row in each
    /// overlapping session is read (all at once).
    /// </summary>
    private async Task<bool> ConflictsAsync(SessionDefinition session, IReadOnlyDictionary<string, SessionDefinition> sessions, string emailHash, bool firstSeen, IEnumerable<SessionOutcome> thisRequest, CancellationToken cancellation)
    {
        if (firstSeen)
        {
            return thisRequest.Any(r => r.HasSeat && session.Overlaps(sessions[r.Session]));
        }

        var held = await Task.WhenAll(sessions.Values.Where(session.Overlaps).Select(other => store.Seats.HoldsSeatAsync(other.Id, emailHash, cancellation)));
        return held.Any(h => h);
    }

    /// <summary>
    /// Confirms a booking with the code its e-mail carried: every held seat becomes confirmed, every waiting
    /// place is kept for good, and the address is verified for the event.
    /// </summary>
    public async Task<(ConfirmVerdict Verdict, BookingView? Booking)> ConfirmAsync(string token, string? code, CancellationToken cancellation = default)
    {
        if (!ManageToken.IsWellFormed(token) || await store.Bookings.FindBookingAsync(ManageToken.Hash(token), cancellation) is not { } booking)
        {
            return (ConfirmVerdict.UnknownBooking, null);
        }

        if (!secrets.IsCode(booking.BookingId, code))
        {
            return (ConfirmVerdict.WrongCode, null);
        }

        var sessions = await catalogue.AllAsync(cancellation);
        var now = Now;
        var messages = new List<OutboxEntity>();
        var outcomes = new List<SessionOutcome>();
        try
        {
            foreach (var id in booking.Sessions.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var session = sessions.GetValueOrDefault(id) ?? SessionDefinition.Gone(id);
                var (outcome, message) = await store.Seats.ConfirmAsync(session, session.OverlappingIn(sessions.Values), booking.EmailHash, booking.BookingId, now, cancellation);
                outcomes.AddIfNotNull(outcome);
                messages.AddIfNotNull(message);
            }
        }
        finally
        {
            await NudgeAsync(messages);
        }

        if (outcomes.Any(o => o.Status == OutcomeStatus.Expired) && !outcomes.Any(o => o.IsRegistered))
        {
            return (ConfirmVerdict.Late, await BookingAsync(token, cancellation));
        }

        await store.Bookings.MarkVerifiedAsync(booking.EmailHash, cancellation);
        return (ConfirmVerdict.Confirmed, await BookingAsync(token, cancellation));
    }

    /// <summary>
    /// Asks for the links of every booking of an address. The same work whether it has any or not (one message
    /// row, at most three an hour per address), so that neither the answer nor its time says which: the
    /// dispatcher finds the bookings when it sends, and sends nothing for an address without any.
    /// </summary>
    public async Task RecoverAsync(string email, string lang, CancellationToken cancellation = default)
    {
        var emailHash = emails.Hash(email);
        var message = OutboxRows.Message(PersonEntity.PartitionFor(emailHash), MessageKind.Recovery, lang, email.Trim(), emailHash, "", "", Now);
        if (await store.Outbox.AddLimitedAsync(message, emailHash, most: 3, cancellation) is { } added)
        {
            await NudgeAsync([added]);
        }
    }

    /// <summary>Tells the dispatcher what was committed, with whatever other work of this process left for it.</summary>
    private Task NudgeAsync(IEnumerable<OutboxEntity> messages)
    {
        var addresses = messages.Select(OutboxRows.Address).Concat(store.Outbox.TakeOwed()).ToList();
        return addresses.Count == 0 ? Task.CompletedTask : nudge.NudgeAsync(addresses, CancellationToken.None);
    }

    public Task<BookingView?> BookingAsync(string token, CancellationToken cancellation = default) => BookingAsync(token, emailHash: null, cancellation);

    /// <summary>The same, for a booking whose person's email hash may be known (<see cref="BookingRows.FindBookingAsync(string, string?, CancellationToken)"/>).</summary>
    public async Task<BookingView?> BookingAsync(string token, string? emailHash, CancellationToken cancellation = default) =>
        ManageToken.IsWellFormed(token) && await store.Bookings.FindBookingAsync(ManageToken.Hash(token), emailHash, cancellation) is { } booking
            ? await ViewAsync(booking, cancellation)
            : null;

    /// <summary>What a stored booking holds now, session by session.</summary>
    public async Task<BookingView> ViewAsync(BookingEntity booking, CancellationToken cancellation = default)
    {
        var results = new List<SessionOutcome>();
        foreach (var id in booking.Sessions.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (await store.Bookings.BookingOutcomeAsync(id, booking, cancellation) is { } outcome)
            {
                results.Add(outcome);
            }
        }

        return new BookingView(booking.BookingId, booking.FirstName, EmailIdentity.Mask(booking.Email), booking.Lang, results);
    }

    /// <summary>Cancels one session of a booking, or all of them; null when the token is unknown.</summary>
    public async Task<BookingView?> CancelAsync(string token, string? sessionId, CancellationToken cancellation = default)
    {
        if (!ManageToken.IsWellFormed(token) || await store.Bookings.FindBookingAsync(ManageToken.Hash(token), cancellation) is not { } booking)
        {
            return null;
        }

        var sessions = await catalogue.AllAsync(cancellation);
        var ids = booking.Sessions.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var messages = new List<OutboxEntity>();
        try
        {
            foreach (var id in ids.Where(id => sessionId is null || id == sessionId))
            {
                // A freed seat passes over whoever holds a seat at the same time elsewhere (Promotion.Choose).
                var session = sessions.GetValueOrDefault(id) ?? SessionDefinition.Gone(id);
                messages.AddRange(await store.Seats.CancelAsync(session, session.OverlappingIn(sessions.Values), booking.EmailHash, booking.BookingId, Now, cancellation));
            }
        }
        finally
        {
            await NudgeAsync(messages);
        }

        return await BookingAsync(token, cancellation);
    }

    /// <summary>
    /// Every session's live counts, from a snapshot of storage at most <see cref="CountsMaxAge"/> old, over which
    /// this process's own commits since that snapshot are laid (they cost no read): a visitor who registers here
    /// sees their seat counted at once.
    /// </summary>
    public async Task<IReadOnlyList<SessionCounts>> CountsAsync(CancellationToken cancellation = default)
    {
        var read = await _counts.GetAsync(cancellation);
        var now = Now;
        return [.. read.Sessions.Select(s =>
        {
            var (capacity, confirmed, waiting, held) = store.Seats.CommittedSince(s.Id, read.Commits) ?? read.Counts[s.Id];
            var state = AvailabilityRules.At(s, capacity, confirmed + held, now);
            return new SessionCounts(s.Id, state, capacity, confirmed, Math.Max(0, capacity - confirmed - held), waiting, held, Terms.AtTheDoor(now, s));
        })];
    }

    /// <summary>The catalogue and every session's counter as storage has them, read all at once.</summary>
    private static async Task<CountsRead> ReadCountsAsync(RegistrationStore store, SessionCatalogue catalogue)
    {
        // Taken before reading: whatever this process commits from here on may be missing from what is read.
        var commits = store.Seats.Commits;
        var sessions = await catalogue.AllAsync();
        var counts = await Task.WhenAll(sessions.Values.Select(async s => (s.Id, Counts: await store.Seats.CountsAsync(s.Id) ?? new SeatCounts(s.Capacity, 0, 0, 0))));
        return new CountsRead([.. sessions.Values], counts.ToDictionary(c => c.Id, c => c.Counts, StringComparer.Ordinal), commits);
    }

    /// <summary>What one read of the live counts found, and how many commits this process had made before it.</summary>
    private sealed record CountsRead(IReadOnlyList<SessionDefinition> Sessions, IReadOnlyDictionary<string, SeatCounts> Counts, long Commits);

    /// <summary>Subscribes an address to the newsletter: pending until confirmed from the e-mail it is sent (version 2), at once in version 1.</summary>
    public async Task SubscribeAsync(string email, string lang, CancellationToken cancellation = default)
    {
        var message = await store.PersonalData.SubscribeAsync(emails.Hash(email), email.Trim(), lang, Now, pending: Terms.ConfirmByEmail, cancellation);
        await NudgeAsync(message is null ? [] : [message]);
    }

    /// <summary>Acts on a newsletter link; false when the token is not a link of ours for that action, or nothing is subscribed.</summary>
    public async Task<bool> NewsletterAsync(string? token, NewsletterAction action, CancellationToken cancellation = default)
    {
        if (newsletterTokens.Read(token, action) is not { } emailHash)
        {
            return false;
        }

        if (action == NewsletterAction.Confirm)
        {
            return await store.PersonalData.ConfirmSubscriptionAsync(emailHash, Now, cancellation);
        }

        await store.PersonalData.UnsubscribeAsync(emailHash, cancellation);
        return true;
    }

    public Task<IReadOnlyList<RegistrationRow>> ExportAsync(IEnumerable<string> sessionIds, CancellationToken cancellation = default) =>
        store.PersonalData.ExportAsync(sessionIds, cancellation);
}
