namespace WeekendCulturel.Registration.Domain;

/// <summary>What becomes of a seat freed in a session (a cancellation, an expiry, a raised capacity).</summary>
public enum FreedSeat
{
    /// <summary>Version 1: the first person waiting is confirmed at once.</summary>
    Confirm,

    /// <summary>The first person waiting is offered it: held for them until <see cref="SeatTerms.OfferUntil"/>.</summary>
    Offer,

    /// <summary>Too close to the start to offer: the seat stays free for people at the door.</summary>
    KeepForDoor,
}

/// <summary>
/// The time rules of version 2, from the settings: how long a seat is held for an address not yet verified,
/// how long an offer waits, when offers stop before a session, when reminders go. Pure: every answer is for
/// a given moment and session.
/// </summary>
public sealed record SeatTerms(bool ConfirmByEmail, TimeSpan Hold, TimeSpan Offer, TimeSpan Cutoff, TimeSpan Reminder)
{
    public static SeatTerms From(RegistrationOptions options) => new(
        options.ConfirmByEmail,
        TimeSpan.FromMinutes(options.HoldMinutes),
        TimeSpan.FromHours(options.OfferHours),
        TimeSpan.FromMinutes(options.OfferCutoffMinutes),
        TimeSpan.FromHours(options.ReminderHours));

    /// <summary>Version 1's terms: every seat confirmed at once, nothing held.</summary>
    public static SeatTerms Immediate { get; } = new(false, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromHours(24));

    /// <summary>
    /// Until when a seat (or a place on the waiting list) taken now is kept unconfirmed; null when it needs no
    /// confirmation (version 1, or an address verified already). Never later than the session's start.
    /// </summary>
    public DateTimeOffset? HoldUntil(bool verified, DateTimeOffset now, SessionDefinition session) =>
        !ConfirmByEmail || verified ? null : Earliest(now + Hold, session.Start);

    /// <summary>What a seat freed now in the session becomes.</summary>
    public FreedSeat Freed(DateTimeOffset now, SessionDefinition session) =>
        !ConfirmByEmail ? FreedSeat.Confirm
        : now >= OffersEnd(session) ? FreedSeat.KeepForDoor
        : FreedSeat.Offer;

    /// <summary>Until when a seat offered now is kept: <see cref="Offer"/> from now, never past the cutoff.</summary>
    public DateTimeOffset OfferUntil(DateTimeOffset now, SessionDefinition session) => Earliest(now + Offer, OffersEnd(session));

    /// <summary>Whether seats freed now stay free for the door (the public says « places libérées sur place »).</summary>
    public bool AtTheDoor(DateTimeOffset now, SessionDefinition session) => ConfirmByEmail && now >= OffersEnd(session) && now < session.End;

    /// <summary>Whether the session's confirmed attendees are due their reminder now (and not yet past its start).</summary>
    public bool ReminderDue(DateTimeOffset now, SessionDefinition session) => now >= session.Start - Reminder && now < session.Start;

    private DateTimeOffset OffersEnd(SessionDefinition session) => session.Start - Cutoff;

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
