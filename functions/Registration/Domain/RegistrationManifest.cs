using System.Text.Json;

namespace WeekendCulturel.Registration.Domain;

/// <summary>
/// The generator's <c>registration-manifest.json</c>: the event, every session that takes registrations, and
/// the sessions without registration (free entry), so that asking to register for one is answered as such.
/// </summary>
public sealed record RegistrationManifest(DateOnly FirstDay, DateOnly LastDay, IReadOnlyList<SessionDefinition> Sessions)
{
    public IReadOnlyList<FreeEntrySession> FreeEntry { get; init; } = [];

    public static RegistrationManifest Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var ev = root.GetProperty("event");
        var sessions = root.GetProperty("sessions").EnumerateArray().Select(s =>
        {
            var title = s.GetProperty("title");
            var links = s.GetProperty("links");
            return new SessionDefinition(
                s.GetProperty("id").GetString()!,
                title.GetProperty("fr").GetString()!,
                title.GetProperty("en").GetString()!,
                s.GetProperty("opens").GetDateTimeOffset(),
                s.GetProperty("closes").GetDateTimeOffset(),
                s.GetProperty("start").GetDateTimeOffset(),
                s.GetProperty("end").GetDateTimeOffset(),
                s.GetProperty("capacity").GetInt32(),
                s.GetProperty("waitlist").GetBoolean(),
                new SessionLinks(
                    links.GetProperty("pageFr").GetString()!,
                    links.GetProperty("pageEn").GetString()!,
                    links.GetProperty("calendarFr").GetString()!,
                    links.GetProperty("calendarEn").GetString()!))
            {
                // Manifests written before the calendars were carried have none: e-mails then attach nothing.
                Calendars = s.TryGetProperty("calendar", out var calendar)
                    ? new SessionCalendars(calendar.GetProperty("fr").GetString()!, calendar.GetProperty("en").GetString()!)
                    : null,
            };
        }).ToList();
        // Manifests written before free-entry sessions were listed have none.
        var freeEntry = root.TryGetProperty("freeEntry", out var free)
            ? free.EnumerateArray().Select(s => new FreeEntrySession(s.GetProperty("id").GetString()!, s.GetProperty("title").GetProperty("fr").GetString()!, s.GetProperty("title").GetProperty("en").GetString()!)).ToList()
            : [];
        return new RegistrationManifest(DateOnly.Parse(ev.GetProperty("firstDay").GetString()!, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(ev.GetProperty("lastDay").GetString()!, System.Globalization.CultureInfo.InvariantCulture), sessions)
        {
            FreeEntry = freeEntry,
        };
    }
}
