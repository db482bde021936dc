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

    /// <summary>The site's own calendar files of the session; null when the manifest did not carry them (written by an older generator).</summary>
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

/// <summary>Where a session's registration stands for the public.</summary>
public enum Availability
{
    NotYetOpen,
    Open,
    Waitlist,
    Full,
    Closed,
}

public enum RegistrationStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,
}

/// <summary>The person registering; the email is already trimmed.</summary>
public sealed record Applicant(string FirstName, string LastName, string Email, string Organisation, string Lang, bool AcceptWaitlist);

/// <summary>What happened to one session of a request: confirmed, waitlisted at a position, or rejected for a reason.</summary>
public sealed record SessionOutcome(string Session, string Status, int? Position = null, string? Reason = null)
{
    public static SessionOutcome Confirmed(string session) => new(session, "confirmed");

    public static SessionOutcome Waitlisted(string session, int position) => new(session, "waitlisted", position);

    public static SessionOutcome Rejected(string session, string reason) => new(session, "rejected", Reason: reason);

    public bool IsRegistered => Status is "confirmed" or "waitlisted";
}

/// <summary>One session's live counts.</summary>
public sealed record SessionCounts(string Id, string State, int Capacity, int Confirmed, int Remaining, int Waitlisted);

/// <summary>A registration row for the organisers' export.</summary>
public sealed record RegistrationRow(
    string Session,
    string Status,
    int? Position,
    string FirstName,
    string LastName,
    string Email,
    string Organisation,
    DateTimeOffset RegisteredAt);

public static class AvailabilityRules
{
    /// <summary>The public state of a session at a moment, from its window and counts.</summary>
    public static Availability At(SessionDefinition session, int capacity, int confirmed, DateTimeOffset now) =>
        now < session.Opens ? Availability.NotYetOpen
        : now >= session.Closes ? Availability.Closed
        : confirmed < capacity ? Availability.Open
        : session.Waitlist ? Availability.Waitlist
        : Availability.Full;

    public static string Name(Availability availability) => availability switch
    {
        Availability.NotYetOpen => "not-yet-open",
        Availability.Open => "open",
        Availability.Waitlist => "waitlist",
        Availability.Full => "full",
        _ => "closed",
    };
}
