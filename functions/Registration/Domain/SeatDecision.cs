namespace WeekendCulturel.Registration.Domain;

/// <summary>A session's seats as a registration finds them.</summary>
/// <param name="Capacity">Seats the session has.</param>
/// <param name="Confirmed">People who hold one: more than the capacity when it was lowered below them.</param>
/// <param name="Waitlist">Whether the session keeps a waiting list.</param>
/// <param name="Held">Seats kept for people who have not confirmed yet: nobody else may take them.</param>
public sealed record SessionSeats(int Capacity, int Confirmed, bool Waitlist, int Held = 0)
{
    /// <summary>Seats nobody holds: none, not fewer than none, when the capacity was lowered below those taken.</summary>
    public int Free => Math.Max(0, Capacity - Confirmed - Held);
}

/// <summary>What one registration gets in one session.</summary>
public enum SeatVerdict
{
    /// <summary>A seat: confirmed, or held until the address is confirmed (<see cref="SeatTerms.HoldUntil"/>).</summary>
    Confirmed,
    Waitlisted,
    Full,
}

/// <summary>
/// Whether a registration gets a seat, a place on the waiting list, or a refusal. Storage applies the verdict
/// in the same transaction as the counter it was decided on, so the decision itself knows nothing of storage.
/// </summary>
public static class SeatDecision
{
    /// <summary>
    /// A free seat if there is one, even with people waiting (the seat was left to them and they could not
    /// take it, see <see cref="Promotion.Choose"/>); else the end of the waiting list, if the session keeps one
    /// and the person accepts it; else full.
    /// </summary>
    public static SeatVerdict For(SessionSeats seats, bool acceptsWaitlist) =>
        seats.Free > 0 ? SeatVerdict.Confirmed
        : seats.Waitlist && acceptsWaitlist ? SeatVerdict.Waitlisted
        : SeatVerdict.Full;
}
