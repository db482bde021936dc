namespace WeekendCulturel;

/// <summary>
/// The event's time zone: content gives Paris local times, and the site, the API and its e-mails show
/// Paris times whatever the server's zone. The theme and the registration library share no project, so
/// both compile this one file (see WeekendCulturel.Registration.csproj), each as an internal type of its own.
/// </summary>
internal static class EventTime
{
    public const string ZoneId = "Europe/Paris";

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
}
