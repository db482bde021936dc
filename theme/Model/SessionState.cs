using WeekendCulturel.Contract;

namespace WeekendCulturel.Theme.Model;

/// <summary>Where a session stands in time at the moment the site is built for.</summary>
public enum SessionTiming
{
    Upcoming,
    Ongoing,
    Past,
}

/// <summary>What the static registration block of a session says, before any live count.</summary>
public enum RegistrationState
{
    FreeAccess,
    NotYetOpen,
    Open,
    Closed,
}

public static class SessionState
{
    public static readonly TimeZoneInfo Paris = EventTime.Zone;

    /// <summary>A Paris local time as an instant.</summary>
    public static DateTimeOffset InParis(DateTime local) => new(local, Paris.GetUtcOffset(local));

    /// <summary>An instant as the machine-readable outputs write it: ISO 8601 with its offset.</summary>
    public static string Iso(DateTimeOffset moment) => moment.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A Paris local time, ISO 8601 with the Paris offset of that day.</summary>
    public static string Iso(DateTime local) => Iso(InParis(local));

    public static SessionTiming Timing(Session session, DateTimeOffset now) =>
        now < InParis(session.Start) ? SessionTiming.Upcoming
        : now < InParis(session.End) ? SessionTiming.Ongoing
        : SessionTiming.Past;

    /// <summary>The moments at which <see cref="Timing"/> or <see cref="Registration"/> of the session change.</summary>
    public static IEnumerable<DateTimeOffset> Changes(Session session, SiteInfo site)
    {
        if (session.Registration is not null)
        {
            yield return InParis(site.RegistrationOpens);
        }

        yield return InParis(session.Start);
        yield return InParis(session.End);
    }

    /// <summary>Registration opens for every session at the site's opening time and closes when the session starts.</summary>
    public static RegistrationState Registration(Session session, SiteInfo site, DateTimeOffset now) =>
        session.Registration is null ? RegistrationState.FreeAccess
        : now < InParis(site.RegistrationOpens) ? RegistrationState.NotYetOpen
        : now < InParis(session.Start) ? RegistrationState.Open
        : RegistrationState.Closed;
}
