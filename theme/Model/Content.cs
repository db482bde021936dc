namespace WeekendCulturel.Theme.Model;

public enum SessionKind
{
    TableRonde,
    Atelier,
    Demonstration,
    Projection,
    Exposition,
    Masterclass,
    Studio,
}

public enum Audience
{
    ToutPublic,
    Adultes,
    Familles,
    JeunePublic,
}

/// <summary>Seats of a session that takes registrations.</summary>
public sealed record RegistrationSpec(int Capacity, bool Waitlist);

/// <summary>What a session says in one language.</summary>
public sealed record SessionText(string Title, string Summary, string? Room, IReadOnlyList<string> Tags, string BodyHtml);

/// <summary>One session of the programme. Times are Paris local times.</summary>
public sealed record Session(
    string Id,
    Translated<SessionText> Text,
    SessionKind Kind,
    string VenueId,
    DateTime Start,
    DateTime End,
    IReadOnlyList<string> SpeakerIds,
    Audience Audience,
    RegistrationSpec? Registration)
{
    public DateOnly Day => DateOnly.FromDateTime(Start);
}

public sealed record PostalAddress(string Street, string PostalCode, string City);

public sealed record GeoPoint(double Latitude, double Longitude);

public sealed record VenueText(string Name, string ShortName, IReadOnlyList<string> Access, IReadOnlyList<string> Accessibility, string? Hours, string BodyHtml);

public sealed record Venue(string Id, Translated<VenueText> Text, PostalAddress Address, GeoPoint? Geo);

public sealed record SpeakerText(string Role, string? Organisation, string BodyHtml);

public sealed record Speaker(string Id, string Name, Translated<SpeakerText> Text);

public enum PressKind
{
    Communique,
    Dossier,
    Article,
}

public sealed record PressText(string Title, string Summary, string BodyHtml);

public sealed record PressItem(string Id, Translated<PressText> Text, DateOnly Date, PressKind Kind, string? Url, string? Attachment);

public sealed record PageText(string Title, string Description, string Slug, string BodyHtml);

/// <summary>A free page of <c>content/pages/</c> (home text, legal pages...).</summary>
public sealed record ContentPage(string Id, Translated<PageText> Text);

public sealed record Partner(string Id, LocalizedText Name, string? Url, LocalizedText Description);

public sealed record Partners(IReadOnlyList<Partner> Support, IReadOnlyList<Partner> Patrons, IReadOnlyList<Partner> Contributors, IReadOnlyList<Partner> Media);

public sealed record EventDay(DateOnly Date, LocalizedText Title, string VenueId, LocalizedText Summary);

public sealed record SocialLink(string Network, string Url);

public enum RgaaStatus
{
    NonConforme,
    PartiellementConforme,
    TotalementConforme,
}

public sealed record SiteInfo(
    LocalizedText Name,
    LocalizedText Tagline,
    LocalizedText Description,
    IReadOnlyList<EventDay> Days,
    Uri BaseUrl,
    LocalizedText OrganiserName,
    string OrganiserUrl,
    string ContactEmail,
    IReadOnlyList<SocialLink> Social,
    DateTime RegistrationOpens,
    RgaaStatus Accessibility,
    LocalizedText Notice,
    LocalizedText? Closing);

/// <summary>The whole validated content: what the theme renders.</summary>
public sealed record SiteContent(
    SiteInfo Site,
    IReadOnlyList<Session> Sessions,
    IReadOnlyDictionary<string, Venue> Venues,
    IReadOnlyDictionary<string, Speaker> Speakers,
    IReadOnlyList<PressItem> Press,
    IReadOnlyDictionary<string, ContentPage> Pages,
    Partners Partners)
{
    // Pages that list sessions by speaker, venue or day look them up here: scanning every session for every
    // speaker grows with the square of the programme. Built on first use; two threads may both build it,
    // harmlessly. A copy made with 'with' may have other sessions, so it starts without.
    private SessionIndex? _index;

    private SessionIndex Index => _index ??= new SessionIndex(Sessions);

    private SiteContent(SiteContent original)
    {
        Site = original.Site;
        Sessions = original.Sessions;
        Venues = original.Venues;
        Speakers = original.Speakers;
        Press = original.Press;
        Pages = original.Pages;
        Partners = original.Partners;
    }

    /// <summary>The sessions of a speaker, in programme order.</summary>
    public IEnumerable<Session> SessionsWith(string speakerId) => Index.BySpeaker[speakerId];

    /// <summary>The sessions held at a venue, in programme order.</summary>
    public IEnumerable<Session> SessionsAt(string venueId) => Index.ByVenue[venueId];

    /// <summary>The sessions of one day, in programme order.</summary>
    public IEnumerable<Session> SessionsOn(DateOnly day) => Index.ByDay[day];
}

/// <summary>The sessions grouped by speaker, venue and day, each group in programme order.</summary>
internal sealed class SessionIndex(IReadOnlyList<Session> sessions)
{
    public ILookup<string, Session> BySpeaker { get; } = sessions.SelectMany(s => s.SpeakerIds.Distinct().Select(id => (Id: id, Session: s))).ToLookup(p => p.Id, p => p.Session, StringComparer.Ordinal);

    public ILookup<string, Session> ByVenue { get; } = sessions.ToLookup(s => s.VenueId, StringComparer.Ordinal);

    public ILookup<DateOnly, Session> ByDay { get; } = sessions.ToLookup(s => s.Day);
}
