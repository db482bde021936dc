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
    Partners Partners);
