namespace WeekendCulturel.Contract;

/// <summary>
/// The event's time zone: content gives Paris local times, and the site, the API and its e-mails show
/// Paris times whatever the server's zone.
/// </summary>
public static class EventTime
{
    public const string ZoneId = "Europe/Paris";

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
}
