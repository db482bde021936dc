using System.Buffers;
using System.Text;
using System.Text.Json;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Rendering;

/// <summary>schema.org <c>Event</c> descriptions in JSON-LD, for search engines and calendar tools.</summary>
/// <remarks>
/// Written straight with a <see cref="Utf8JsonWriter"/>: every session page has one, and building them as
/// <c>JsonNode</c> trees (then copying each tree to put <c>@context</c> first) took 6.5 % of a build's CPU
/// at ten thousand sessions. Same JSON, byte for byte, as the trees gave.
/// </remarks>
public static class StructuredData
{
    private const string Schema = "https://schema.org";

    /// <summary>
    /// The whole weekend. Sessions are not listed as sub-events: each session page names the weekend as its
    /// super-event, and the home page stays the same size whatever the size of the programme.
    /// </summary>
    public static string ForEvent(RenderContext context, Lang lang) => Json(w => WriteEvent(w, context, lang, withContext: true));

    public static string ForSession(RenderContext context, Session session, Lang lang) => Json(w =>
    {
        var text = session.Text.For(lang);
        w.WriteStartObject();
        w.WriteString("@context", Schema);
        w.WriteString("@type", "Event");
        w.WriteString("name", text.Title);
        w.WriteString("url", context.Absolute(Routes.Session(session, lang)));
        w.WriteString("startDate", SessionState.Iso(session.Start));
        w.WriteString("endDate", SessionState.Iso(session.End));
        WriteOfflineAndFree(w);
        if (context.VenueOf(session) is { } venue)
        {
            w.WritePropertyName("location");
            WritePlace(w, venue, lang, text.Room);
        }

        var availability = SessionState.Registration(session, context.Site, context.Now) switch
        {
            RegistrationState.Closed => "https://schema.org/SoldOut",
            RegistrationState.NotYetOpen => "https://schema.org/PreOrder",
            _ => "https://schema.org/InStock",
        };
        WriteOffer(w, context, session.Registration is null ? Routes.Session(session, lang) : Routes.RegisterFor(session.Id, lang), availability);
        if (session.Registration is { } registration)
        {
            w.WriteNumber("maximumAttendeeCapacity", registration.Capacity);
        }

        w.WriteString("description", text.Summary);
        w.WritePropertyName("superEvent");
        WriteEvent(w, context, lang, withContext: false);
        var speakers = context.SpeakersOf(session).ToList();
        if (speakers.Count > 0)
        {
            w.WriteStartArray("performer");
            foreach (var speaker in speakers)
            {
                w.WriteStartObject();
                w.WriteString("@type", "Person");
                w.WriteString("name", speaker.Name);
                w.WriteString("jobTitle", speaker.Text.For(lang).Role);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    });

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteEvent(Utf8JsonWriter w, RenderContext context, Lang lang, bool withContext)
    {
        var site = context.Site;
        var days = site.Days;
        w.WriteStartObject();
        if (withContext)
        {
            w.WriteString("@context", Schema);
        }

        w.WriteString("@type", "Event");
        w.WriteString("name", site.Name[lang]);
        w.WriteString("description", site.Description[lang]);
        w.WriteString("url", context.Absolute(Routes.Home(lang)));
        w.WriteString("inLanguage", lang.Code());
        w.WriteString("startDate", SessionState.Iso(SessionState.InParis(days[0].Date.ToDateTime(new TimeOnly(10, 0)))));
        w.WriteString("endDate", SessionState.Iso(SessionState.InParis(days[^1].Date.ToDateTime(new TimeOnly(19, 0)))));
        WriteOfflineAndFree(w);
        w.WriteStartObject("organizer");
        w.WriteString("@type", "GovernmentOrganization");
        w.WriteString("name", site.OrganiserName[lang]);
        w.WriteString("url", site.OrganiserUrl);
        w.WriteEndObject();
        w.WriteStartArray("location");
        foreach (var venue in days.Select(d => context.Content.Venues.GetValueOrDefault(d.VenueId)).OfType<Venue>())
        {
            WritePlace(w, venue, lang, room: null);
        }

        w.WriteEndArray();
        WriteOffer(w, context, Routes.Registration(lang), "https://schema.org/InStock");
        w.WriteEndObject();
    }

    private static void WriteOfflineAndFree(Utf8JsonWriter w)
    {
        w.WriteString("eventStatus", "https://schema.org/EventScheduled");
        w.WriteString("eventAttendanceMode", "https://schema.org/OfflineEventAttendanceMode");
        w.WriteBoolean("isAccessibleForFree", true);
    }

    private static void WritePlace(Utf8JsonWriter w, Venue venue, Lang lang, string? room)
    {
        var text = venue.Text.For(lang);
        w.WriteStartObject();
        w.WriteString("@type", "Place");
        w.WriteString("name", room is null ? text.Name : $"{text.Name}, {room}");
        w.WriteStartObject("address");
        w.WriteString("@type", "PostalAddress");
        w.WriteString("streetAddress", venue.Address.Street);
        w.WriteString("postalCode", venue.Address.PostalCode);
        w.WriteString("addressLocality", venue.Address.City);
        w.WriteString("addressCountry", "FR");
        w.WriteEndObject();
        if (venue.Geo is { } geo)
        {
            w.WriteStartObject("geo");
            w.WriteString("@type", "GeoCoordinates");
            w.WriteNumber("latitude", geo.Latitude);
            w.WriteNumber("longitude", geo.Longitude);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>Free admission, bookable from the day registration opens.</summary>
    private static void WriteOffer(Utf8JsonWriter w, RenderContext context, string path, string availability)
    {
        w.WriteStartObject("offers");
        w.WriteString("@type", "Offer");
        w.WriteNumber("price", 0);
        w.WriteString("priceCurrency", "EUR");
        w.WriteString("availability", availability);
        w.WriteString("url", context.Absolute(path));
        w.WriteString("validFrom", SessionState.Iso(SessionState.InParis(context.Site.RegistrationOpens)));
        w.WriteEndObject();
    }
}
