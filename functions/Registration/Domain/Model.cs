using System.Text.Json.Serialization;

namespace WeekendCulturel.Registration.Domain;

/// <summary>A session that takes registrations, as the generator's manifest describes it.</summary>
public sealed record SessionDefinition(
    string Id,
    string TitleFr,
    string TitleEn,
    DateTimeOffset Opens,
    DateTimeOffset Closes,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Capacity,
    bool Waitlist,
    SessionLinks Links)
{
    public bool Overlaps(SessionDefinition other) => other.Id != Id && Start < other.End && other.Start < End;

    /// <summary>The ids of those of <paramref name="sessions"/> that take place at the same time as this one.</summary>
    public IReadOnlyList<string> OverlappingIn(IEnumerable<SessionDefinition> sessions) => [.. sessions.Where(Overlaps).Select(s => s.Id)];

    public string Title(string lang) => lang == "en" ? TitleEn : TitleFr;

    /// <summary>
    /// Stands for a session that left the catalogue while registrations to it remain: they can still be
    /// cancelled, and its seats go to nobody (it is over as far as the site is concerned).
    /// </summary>
    public static SessionDefinition Gone(string id) =>
        new(id, id, id, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, false, new SessionLinks("", "", "", ""));

    /// <summary>
    /// The site's own calendar files of the session; null when the catalogue could not store them (see
    /// <see cref="Storage.CatalogueRows.AsStored"/>). Left out of the published manifest: the site publishes
    /// them beside it, at <see cref="Links"/>.
    /// </summary>
    [JsonIgnore]
    public SessionCalendars? Calendars { get; init; }

    /// <summary>The session's calendar file to attach to a message in <paramref name="lang"/>, if the catalogue has it.</summary>
    public Mail.CalendarFile? CalendarFileFor(string lang) => Calendars?.File(Id, lang);
}

/// <summary>A session of the site that takes no registration: free entry, as space allows.</summary>
public sealed record FreeEntrySession(string Id, string TitleFr, string TitleEn)
{
    public string Title(string lang) => lang == "en" ? TitleEn : TitleFr;
}

/// <summary>The site's addresses for a session: its page and its calendar file, in each language.</summary>
public sealed record SessionLinks(string PageFr, string PageEn, string CalendarFr, string CalendarEn)
{
    public string Page(string lang) => lang == "en" ? PageEn : PageFr;

    public string Calendar(string lang) => lang == "en" ? CalendarEn : CalendarFr;
}

/// <summary>Where a session's registration stands for the public (the live counts' <c>state</c>).</summary>
[JsonConverter(typeof(ContractWordConverter<Availability>))]
public enum Availability
{
    NotYetOpen,
    Open,
    Waitlist,
    Full,
    Closed,
}

/// <summary>A stored registration's state (its row's <c>Status</c>, by name; the export's <c>status</c>, by contract word).</summary>
[JsonConverter(typeof(ContractWordConverter<RegistrationStatus>))]
public enum RegistrationStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,

    /// <summary>A seat kept until <c>HoldUntil</c> for a person who has not confirmed it yet: a first hold or an offer.</summary>
    Held,

    /// <summary>A hold, an offer or an unconfirmed place on the waiting list whose deadline passed.</summary>
    Expired,
}

/// <summary>Where one session of a request, or of a booking, stands (a <see cref="SessionOutcome"/>'s <c>status</c>).</summary>
[JsonConverter(typeof(ContractWordConverter<OutcomeStatus>))]
public enum OutcomeStatus
{
    Held,
    Confirmed,
    Waitlisted,

    /// <summary>The address already holds the session (by another request): the answer says no more than that.</summary>
    Registered,

    /// <summary>Not booked, for a <see cref="RejectionReason"/>.</summary>
    Rejected,
    Cancelled,
    Expired,
}

/// <summary>Why a session of a request was not booked (a rejected <see cref="SessionOutcome"/>'s <c>reason</c>).</summary>
[JsonConverter(typeof(ContractWordConverter<RejectionReason>))]
public enum RejectionReason
{
    /// <summary>Registration has not opened yet.</summary>
    NotYetOpen,

    /// <summary>Registration has closed, or the session left the catalogue.</summary>
    Closed,

    /// <summary>No seat left, and no waiting list the person accepts.</summary>
    Full,

    /// <summary>At the same time as another session the person holds.</summary>
    Conflict,
}

/// <summary>The person registering; the email is already trimmed.</summary>
public sealed record Applicant(string FirstName, string LastName, string Email, string Organisation, string Lang, bool AcceptWaitlist);

/// <summary>
/// What happened to one session of a request, or where a booking's session stands: held until a deadline,
/// confirmed, waitlisted at a position (with the date it must be confirmed by, for an address not yet
/// verified), rejected for a reason, registered already (nothing more said), cancelled or expired.
/// </summary>
public sealed record SessionOutcome(string Session, OutcomeStatus Status, int? Position = null, RejectionReason? Reason = null)
{
    /// <summary>For <c>held</c>: the moment the seat is released unless confirmed.</summary>
    public DateTimeOffset? HoldUntil { get; init; }

    /// <summary>For <c>waitlisted</c> from an address not yet verified: the moment it leaves the list unless confirmed.</summary>
    public DateTimeOffset? ConfirmBy { get; init; }

    public static SessionOutcome Confirmed(string session) => new(session, OutcomeStatus.Confirmed);

    public static SessionOutcome Held(string session, DateTimeOffset until) => new(session, OutcomeStatus.Held) { HoldUntil = until };

    public static SessionOutcome Waitlisted(string session, int position, DateTimeOffset? confirmBy = null) => new(session, OutcomeStatus.Waitlisted, position) { ConfirmBy = confirmBy };

    public static SessionOutcome Rejected(string session, RejectionReason reason) => new(session, OutcomeStatus.Rejected, Reason: reason);

    /// <summary>The address already holds this session (by another request): the answer says no more than that.</summary>
    public static SessionOutcome Registered(string session) => new(session, OutcomeStatus.Registered);

    public static SessionOutcome Cancelled(string session) => new(session, OutcomeStatus.Cancelled);

    public static SessionOutcome Expired(string session) => new(session, OutcomeStatus.Expired);

    /// <summary>Whether the person has something in the session (a seat, held or not, a place on the list, or an earlier registration).</summary>
    public bool IsRegistered => Status is OutcomeStatus.Confirmed or OutcomeStatus.Waitlisted or OutcomeStatus.Held or OutcomeStatus.Registered;

    /// <summary>Whether the person occupies a seat (confirmed, or held for them).</summary>
    public bool HasSeat => Status is OutcomeStatus.Confirmed or OutcomeStatus.Held;

    /// <summary>Whether the registration is over (cancelled or expired): nothing left to confirm or give back.</summary>
    public bool IsOver => Status is OutcomeStatus.Cancelled or OutcomeStatus.Expired;
}

/// <summary>One session's live counts; <paramref name="AtTheDoor"/>: a seat freed now is not offered, it stays free for the door.</summary>
public sealed record SessionCounts(string Id, Availability State, int Capacity, int Confirmed, int Remaining, int Waitlisted, int Held = 0, bool AtTheDoor = false);

/// <summary>A registration row for the organisers' export.</summary>
public sealed record RegistrationRow(
    string Session,
    RegistrationStatus Status,
    int? Position,
    string FirstName,
    string LastName,
    string Email,
    string Organisation,
    DateTimeOffset RegisteredAt);

public static class AvailabilityRules
{
    /// <summary>The public state of a session at a moment, from its window and counts.</summary>
    /// <param name="taken">Seats confirmed or held.</param>
    public static Availability At(SessionDefinition session, int capacity, int taken, DateTimeOffset now) =>
        now < session.Opens ? Availability.NotYetOpen
        : now >= session.Closes ? Availability.Closed
        : taken < capacity ? Availability.Open
        : session.Waitlist ? Availability.Waitlist
        : Availability.Full;
}
