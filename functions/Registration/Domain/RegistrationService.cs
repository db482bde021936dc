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
public sealed class RegistrationService(RegistrationStore store, SessionCatalogue catalogue, EmailIdentity emails, TimeProvider clock)
{
    private readonly PersonTurns _turns = new();

    /// <summary>People whose registration is being decided in this process at this moment.</summary>
    public int PeopleInTurn => _turns.Count;

    public DateTimeOffset Now => clock.GetLocalNow();

    public Task<IReadOnlyDictionary<string, SessionDefinition>> SessionsAsync(CancellationToken cancellation = default) => catalogue.AllAsync(cancellation);

    public Task<IReadOnlyDictionary<string, FreeEntrySession>> FreeEntryAsync(CancellationToken cancellation = default) => catalogue.FreeEntryAsync(cancellation);

    /// <summary>
    /// Registers the applicant to each session in the order asked. The booking is written first, so that
    /// whatever was registered can always be managed with the token; each session is then its own
    /// transaction, and a repeated request finds what the first one made.
    /// </summary>
    /// <remarks>
    /// Someone never seen before (their marker was written with this booking) holds nothing anywhere: their
    /// overlaps are checked against what this request confirms, without reading storage. For anyone else,
    /// each overlapping session is read. A person's requests take turns (<see cref="PersonTurns"/>), so that
    /// two sent at once cannot both miss the other's seat.
    /// </remarks>
    public async Task<RegistrationReply> RegisterAsync(IReadOnlyList<string> sessionIds, Applicant applicant, CancellationToken cancellation = default)
    {
        var sessions = await catalogue.AllAsync(cancellation);
        var emailHash = emails.Hash(applicant.Email);

        // One request of a person at a time (in this process): the second sees what the first one holds.
        using var turn = await _turns.TakeAsync(emailHash, cancellation);
        var now = Now;
        var token = ManageToken.NewFor(emailHash);
        var tokenHash = ManageToken.Hash(token);
        var bookingId = ManageToken.NewBookingId();
        var firstSeen = await store.CreateBookingAsync(new BookingEntity
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
            // What the person already holds in a session is reported whatever else applies. The store finds it
            // itself when it registers (its insert conflicts); it is read here only before a refusal.
            var session = sessions[id];
            var refusal = now < session.Opens ? "not-yet-open"
                : now >= session.Closes ? "closed"
                : await ConflictsAsync(session, sessions, emailHash, firstSeen, results, cancellation) ? "conflict"
                : null;
            if (refusal is not null)
            {
                results.Add((firstSeen ? null : await store.ExistingAsync(id, emailHash, cancellation)) ?? SessionOutcome.Rejected(id, refusal));
                continue;
            }

            var (outcome, created) = await store.RegisterAsync(session, applicant, emailHash, bookingId, now, cancellation);
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

        var held = await Task.WhenAll(sessions.Values.Where(session.Overlaps).Select(other => store.HoldsSeatAsync(other.Id, emailHash, cancellation)));
        return held.Any(h => h);
    }

    public async Task<BookingView?> BookingAsync(string token, CancellationToken cancellation = default)
    {
        if (!ManageToken.IsWellFormed(token) || await store.FindBookingAsync(ManageToken.Hash(token), cancellation) is not { } booking)
        {
            return null;
        }

        var results = new List<SessionOutcome>();
        foreach (var id in booking.Sessions.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (await store.BookingOutcomeAsync(id, booking, cancellation) is { } outcome)
            {
                results.Add(outcome);
            }
        }

        return new BookingView(booking.BookingId, booking.FirstName, EmailIdentity.Mask(booking.Email), booking.Lang, results);
    }

    /// <summary>Cancels one session of a booking, or all of them; null when the token is unknown.</summary>
    public async Task<BookingView?> CancelAsync(string token, string? sessionId, CancellationToken cancellation = default)
    {
        if (!ManageToken.IsWellFormed(token) || await store.FindBookingAsync(ManageToken.Hash(token), cancellation) is not { } booking)
        {
            return null;
        }

        var ids = booking.Sessions.Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var id in ids.Where(id => sessionId is null || id == sessionId))
        {
            await store.CancelAsync(id, booking.EmailHash, booking.BookingId, Now, cancellation);
        }

        return await BookingAsync(token, cancellation);
    }

    public async Task<IReadOnlyList<SessionCounts>> CountsAsync(CancellationToken cancellation = default)
    {
        var sessions = await catalogue.AllAsync(cancellation);
        var now = Now;
        var counts = await Task.WhenAll(sessions.Values.Select(async s =>
        {
            var (capacity, confirmed, waiting) = await store.CountsAsync(s.Id, cancellation) ?? (s.Capacity, 0, 0);
            var state = AvailabilityRules.Name(AvailabilityRules.At(s, capacity, confirmed, now));
            return new SessionCounts(s.Id, state, capacity, confirmed, Math.Max(0, capacity - confirmed), waiting);
        }));
        return counts;
    }

    public Task SubscribeAsync(string email, string lang, CancellationToken cancellation = default) =>
        store.SubscribeAsync(emails.Hash(email), email.Trim(), lang, Now, cancellation);

    public Task<IReadOnlyList<RegistrationRow>> ExportAsync(IEnumerable<string> sessionIds, CancellationToken cancellation = default) =>
        store.ExportAsync(sessionIds, cancellation);
}
