using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// The bookings answered to robots (the trap field filled in): what registering would have given them, kept
/// only in this process's memory for a day at most, so that their token leads to an ordinary booking while
/// nothing about them is stored and no seat is taken. An instance that did not answer the robot does not
/// know its token and answers 404, as for any unknown token.
/// </summary>
public sealed class TrapBookings
{
    private const int Capacity = 4096;
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (BookingView Booking, DateTimeOffset Until)> _bookings = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>
    /// What registering would answer, decided as the service and the store decide it (window, overlap with a
    /// seat of this request, seats left, waiting list) but on counts read without writing anything.
    /// </summary>
    /// <remarks>A robot is an address never seen: under version 2 its seats are held and its waiting places carry a deadline, as anyone's first would.</remarks>
    public static IReadOnlyList<SessionOutcome> Outcomes(IReadOnlyList<string> asked, IReadOnlyDictionary<string, SessionDefinition> sessions, IReadOnlyDictionary<string, (int Capacity, int Taken, int Waiting)> counts, bool acceptWaitlist, SeatTerms terms, DateTimeOffset now)
    {
        var results = new List<SessionOutcome>();
        foreach (var id in asked)
        {
            var session = sessions[id];
            var (capacity, taken, waiting) = counts[id];
            var holdUntil = terms.HoldUntil(verified: false, now, session);
            results.Add(
                now < session.Opens ? SessionOutcome.Rejected(id, RejectionReason.NotYetOpen)
                : now >= session.Closes ? SessionOutcome.Rejected(id, RejectionReason.Closed)
                : results.Any(r => r.HasSeat && session.Overlaps(sessions[r.Session])) ? SessionOutcome.Rejected(id, RejectionReason.Conflict)
                : taken < capacity ? (holdUntil is { } until ? SessionOutcome.Held(id, until) : SessionOutcome.Confirmed(id))
                : session.Waitlist && acceptWaitlist ? SessionOutcome.Waitlisted(id, waiting + 1, holdUntil)
                : SessionOutcome.Rejected(id, RejectionReason.Full));
        }

        return results;
    }

    public void Add(string token, BookingView booking, DateTimeOffset now)
    {
        var key = ManageToken.Hash(token);
        lock (_gate)
        {
            while (_order.TryPeek(out var oldest) && (_bookings.Count >= Capacity || _bookings[oldest].Until <= now))
            {
                _bookings.Remove(_order.Dequeue());
            }

            _bookings[key] = (booking, now + Lifetime);
            _order.Enqueue(key);
        }
    }

    public BookingView? Find(string token, DateTimeOffset now)
    {
        if (!ManageToken.IsWellFormed(token))
        {
            return null;
        }

        lock (_gate)
        {
            return _bookings.TryGetValue(ManageToken.Hash(token), out var kept) && kept.Until > now ? kept.Booking : null;
        }
    }

    /// <summary>Cancels one session of a trap booking, or all of them, as a real cancellation shows it; null when the token is not one.</summary>
    public BookingView? Cancel(string token, string? sessionId, DateTimeOffset now)
    {
        if (Find(token, now) is not { } booking)
        {
            return null;
        }

        var cancelled = booking with
        {
            Results = [.. booking.Results.Select(r => sessionId is null || r.Session == sessionId ? SessionOutcome.Cancelled(r.Session) : r)],
        };
        lock (_gate)
        {
            var key = ManageToken.Hash(token);
            if (_bookings.TryGetValue(key, out var kept))
            {
                _bookings[key] = (cancelled, kept.Until);
            }
        }

        return cancelled;
    }
}
