using System.Text.Json;
using System.Text.Json.Nodes;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Rendering;

/// <summary>schema.org <c>Event</c> descriptions in JSON-LD, for search engines and calendar tools.</summary>
public static class StructuredData
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>
    /// The whole weekend. Sessions are not listed as sub-events: each session page names the weekend as its
    /// super-event, and the home page stays the same size whatever the size of the programme.
    /// </summary>
    public static string ForEvent(RenderContext context, Lang lang) => EventNode(context, lang).ToJsonString(Options);

    public static string ForSession(RenderContext context, Session session, Lang lang)
    {
        var node = SessionSummary(context, session, lang);
        node["@context"] = "https://schema.org";
        var text = session.Text.For(lang);
        node["description"] = text.Summary;
        var parent = EventNode(context, lang);
        parent.Remove("@context");
        node["superEvent"] = parent;
        var speakers = context.SpeakersOf(session).ToList();
        if (speakers.Count > 0)
        {
            node["performer"] = new JsonArray([.. speakers.Select(p => (JsonNode)new JsonObject
            {
                ["@type"] = "Person",
                ["name"] = p.Name,
                ["jobTitle"] = p.Text.For(lang).Role,
            })]);
        }

        return ReorderContextFirst(node).ToJsonString(Options);
    }

    private static JsonObject EventNode(RenderContext context, Lang lang)
    {
        var site = context.Site;
        var days = site.Days;
        var first = days[0];
        var last = days[^1];
        var start = SessionState.InParis(first.Date.ToDateTime(new TimeOnly(10, 0)));
        var end = SessionState.InParis(last.Date.ToDateTime(new TimeOnly(19, 0)));
        return new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["name"] = site.Name[lang],
            ["description"] = site.Description[lang],
            ["url"] = context.Absolute(Routes.Home(lang)),
            ["inLanguage"] = lang.Code(),
            ["startDate"] = SessionState.Iso(start),
            ["endDate"] = SessionState.Iso(end),
            ["eventStatus"] = "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode",
            ["isAccessibleForFree"] = true,
            ["organizer"] = new JsonObject { ["@type"] = "GovernmentOrganization", ["name"] = site.OrganiserName[lang], ["url"] = site.OrganiserUrl },
            ["location"] = new JsonArray([.. days.Select(d => context.Content.Venues.GetValueOrDefault(d.VenueId)).OfType<Venue>().Select(v => (JsonNode)Place(v, lang))]),
            ["offers"] = Offer(context, Routes.Registration(lang), "https://schema.org/InStock", SessionState.InParis(site.RegistrationOpens)),
        };
    }

    private static JsonObject SessionSummary(RenderContext context, Session session, Lang lang)
    {
        var text = session.Text.For(lang);
        var node = new JsonObject
        {
            ["@type"] = "Event",
            ["name"] = text.Title,
            ["url"] = context.Absolute(Routes.Session(session, lang)),
            ["startDate"] = SessionState.Iso(session.Start),
            ["endDate"] = SessionState.Iso(session.End),
            ["eventStatus"] = "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode",
            ["isAccessibleForFree"] = true,
        };
        if (context.VenueOf(session) is { } venue)
        {
            node["location"] = Place(venue, lang, text.Room);
        }

        var state = SessionState.Registration(session, context.Site, context.Now);
        var availability = state switch
        {
            RegistrationState.Closed => "https://schema.org/SoldOut",
            RegistrationState.NotYetOpen => "https://schema.org/PreOrder",
            _ => "https://schema.org/InStock",
        };
        node["offers"] = Offer(context, session.Registration is null ? Routes.Session(session, lang) : Routes.RegisterFor(session.Id, lang), availability, SessionState.InParis(context.Site.RegistrationOpens));
        if (session.Registration is { } registration)
        {
            node["maximumAttendeeCapacity"] = registration.Capacity;
        }

        return node;
    }

    private static JsonObject Place(Venue venue, Lang lang, string? room = null)
    {
        var text = venue.Text.For(lang);
        var place = new JsonObject
        {
            ["@type"] = "Place",
            ["name"] = room is null ? text.Name : $"{text.Name}, {room}",
            ["address"] = new JsonObject
            {
                ["@type"] = "PostalAddress",
                ["streetAddress"] = venue.Address.Street,
                ["postalCode"] = venue.Address.PostalCode,
                ["addressLocality"] = venue.Address.City,
                ["addressCountry"] = "FR",
            },
        };
        if (venue.Geo is { } geo)
        {
            place["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = geo.Latitude, ["longitude"] = geo.Longitude };
        }

        return place;
    }

    private static JsonObject Offer(RenderContext context, string path, string availability, DateTimeOffset validFrom) => new()
    {
        ["@type"] = "Offer",
        ["price"] = 0,
        ["priceCurrency"] = "EUR",
        ["availability"] = availability,
        ["url"] = context.Absolute(path),
        ["validFrom"] = SessionState.Iso(validFrom),
    };

    private static JsonObject ReorderContextFirst(JsonObject node)
    {
        var ordered = new JsonObject { ["@context"] = node["@context"]?.DeepClone() };
        foreach (var (key, value) in node.ToList())
        {
            if (key != "@context")
            {
                ordered[key] = value?.DeepClone();
            }
        }

        return ordered;
    }
}
