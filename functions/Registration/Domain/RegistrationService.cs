using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Registration.Domain;

/// <summary>What a registration request produced.</summary>
public sealed record RegistrationReply(string BookingId, string ManageToken, IReadOnlyList<SessionOutcome> Results, bool AnyCreated)
{
    public bool AnyRegistered => Results.Any(r => r.IsRegistered);
}

/// <summary>A booking as its owner sees it.</summary>
public sealed record BookingView(string BookingId, string FirstName, string MaskedEmail, string Lang, IReadOnlyList<SessionOutcome> Results);

/// <summary>
/// The registration rules: windows, overlaps, one seat per person, bookings and their private tokens. The
/// seat arithmetic itself is the store's, inside its transactions.
/// </summary>
public sealed class RegistrationService(RegistrationStore store, SessionCatalogue catalogue, EmailIdentity emails, IdempotencyKeys keys, TimeProvider clock)
{
    /// <summary>How old the live counts may be: page loads at opening time must not compete with registrations for storage.</summary>
    public static readonly TimeSpan CountsMaxAge = TimeSpan.FromSeconds(2);

    private readonly PersonTurns _turns = new();
    private readonly Snapshot<CountsRead> _counts = new(() => ReadCountsAsync(store, catalogue), clock, CountsMaxAge);

    /// <summary>People whose registration is being decided in this process at this moment.</summary>
    public int PeopleInTurn => _turns.Count;

    public DateTimeOffset Now => clock.GetLocalNow();

    public Task<IReadOnlyDictionary<string, SessionDefinition>> SessionsAsync(CancellationToken cancellation = default) => catalogue.AllAsync(cancellation);

    public Task<IReadOnlyDictionary<string, FreeEntrySession>> FreeEntryAsync(CancellationToken cancellation = default) => catalogue.FreeEntryAsync(cancellation);

    /// <summary>
    /// Registers the applicant to each session in the order asked. The booking is written first, so that
    /// whatever was registered can always be managed with the token; each session is then its own
    /// transaction, and a repeated request finds what the first one made. With an idempotency key, a repeat
    /// is the same booking (<see cref="IdempotencyKeys"/>): same id, same token, the results of now.
    /// </summary>
    /// <remarks>
    /// Someone never seen before (their marker was written with this booking) holds nothing anywhere: their
    /// overlaps are checked against what this request confirms, without reading storage. For anyone else,
    /// each overlapping session is read. A person's requests take turns (<see cref="PersonTurns"/>), so that
    /// two sent at once cannot both miss the other's seat.
    /// </remarks>
    public async Task<RegistrationReply> RegisterAsync(IReadOnlyList<string> sessionIds, Applicant applicant, string? idempotencyKey = null, CancellationToken cancellation = default)
    {
        var sessions = await catalogue.AllAsync(cancellation);
        var emailHash = emails.Hash(applicant.Email);

        // One request of a person at a time (in this process): the second sees what the first one holds.
        using var turn = await _turns.TakeAsync(emailHash, cancellation);
        var now = Now;
        var (bookingId, token) = IdempotencyKeys.IsWellFormed(idempotencyKey)
            ? keys.BookingFor(idempotencyKey!, emailHash, sessionIds)
            : (ManageToken.NewBookingId(), ManageToken.NewFor(emailHash));
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

        var results = new List<SessionOutcome>();
        var anyCreated = false;
        foreach (var id in sessionIds)
        {
            // A session can leave the catalogue after the request was validated (a publication, then a refresh):
            // its registration is over.
            if (!sessions.TryGetValue(id, out var session))
            {
                results.Add(SessionOutcome.Rejected(id, "closed"));
                continue;
            }

            // What the person already holds in a session is reported whatever else applies. The store finds it
            // itself when it registers (its insert conflicts); it is read here only before a refusal.
            var refusal = now < session.Opens ? "not-yet-open"
                : now >= session.Closes ? "closed"
                : await ConflictsAsync(session, sessions, emailHash, firstSeen, results, cancellation) ? "conflict"
                : null;
            if (refusal is not null)
            {
                results.Add((firstSeen ? null : await store.Seats.ExistingAsync(id, emailHash, cancellation)) ?? SessionOutcome.Rejected(id, refusal));
                continue;
            }

            var (outcome, created) = await store.Seats.RegisterAsync(session, applicant, emailHash, bookingId, now, cancellation);
            anyCreated |= created;
            results.Add(outcome);
        }

        return new RegistrationReply(bookingId, token, results, anyCreated);
    }

    /// <summary>
    /// Whether the person holds a confirmed seat in a session that overlaps this one. Someone seen for the
    /// first time holds only what this request has confirmed so far; for anyone else, their row in each
    /// overlapping session is read (all at once).
    /// </summary>
    private async Task<bool> ConflictsAsync(SessionDefinition session, IReadOnlyDictionary<string, SessionDefinition> sessions, string emailHash, bool firstSeen, IEnumerable<SessionOutcome> thisRequest, CancellationToken cancellation)
    {
        if (firstSeen)
        {
            return thisRequest.Any(r => r.Status == "confirmed" && session.Overlaps(sessions[r.Session]));
        }

        var held = await Task.WhenAll(sessions.Values.Where(session.Overlaps).Select(other => store.Seats.HoldsSeatAsync(other.Id, emailHash, cancellation)));
        return held.Any(h => h);
    }

    public async Task<BookingView?> BookingAsync(string token, CancellationToken cancellation = default)
    {
        if (!ManageToken.IsWellFormed(token) || await store.Bookings.FindBookingAsync(ManageToken.Hash(token), cancellation) is not { } booking)
        {
            return null;
        }

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
        foreach (var id in ids.Where(id => sessionId is null || id == sessionId))
        {
            // A freed seat passes over whoever holds a seat at the same time elsewhere (Promotion.Choose).
            var overlapping = sessions.TryGetValue(id, out var session) ? session.OverlappingIn(sessions.Values) : [];
            await store.Seats.CancelAsync(id, overlapping, booking.EmailHash, booking.BookingId, Now, cancellation);
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
            var (capacity, confirmed, waiting) = store.Seats.CommittedSince(s.Id, read.Commits) ?? read.Counts[s.Id];
            var state = AvailabilityRules.Name(AvailabilityRules.At(s, capacity, confirmed, now));
            return new SessionCounts(s.Id, state, capacity, confirmed, Math.Max(0, capacity - confirmed), waiting);
        })];
    }

    /// <summary>The catalogue and every session's counter as storage has them, read all at once.</summary>
    private static async Task<CountsRead> ReadCountsAsync(RegistrationStore store, SessionCatalogue catalogue)
    {
        // Taken before reading: whatever this process commits from here on may be missing from what is read.
        var commits = store.Seats.Commits;
        var sessions = await catalogue.AllAsync();
        var counts = await Task.WhenAll(sessions.Values.Select(async s => (s.Id, Counts: await store.Seats.CountsAsync(s.Id) ?? (s.Capacity, 0, 0))));
        return new CountsRead([.. sessions.Values], counts.ToDictionary(c => c.Id, c => c.Counts, StringComparer.Ordinal), commits);
    }

    /// <summary>What one read of the live counts found, and how many commits this process had made before it.</summary>
    private sealed record CountsRead(IReadOnlyList<SessionDefinition> Sessions, IReadOnlyDictionary<string, (int Capacity, int Confirmed, int Waiting)> Counts, long Commits);

    public Task SubscribeAsync(string email, string lang, CancellationToken cancellation = default) =>
        store.PersonalData.SubscribeAsync(emails.Hash(email), email.Trim(), lang, Now, cancellation);

    public Task<IReadOnlyList<RegistrationRow>> ExportAsync(IEnumerable<string> sessionIds, CancellationToken cancellation = default) =>
        store.PersonalData.ExportAsync(sessionIds, cancellation);
}
