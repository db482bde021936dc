using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WeekendCulturel.Generator.Output;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Outputs;

/// <summary>
/// The registration manifest: every session that takes registrations, with its capacity, waiting list and
/// window, and the sessions that take none (free entry) by id and title. The registration backend reads it
/// (<c>registrations sync</c>); times carry their Paris offset. Each session carries its calendar files' text,
/// the very files the site serves, for the e-mails to attach.
/// </summary>
public static class RegistrationManifestWriter
{
    public const string Path = "registration-manifest.json";

    public static OutputFile Write(RenderContext context, SiteCalendars calendars)
    {
        var site = context.Site;
        var opens = SessionState.InParis(site.RegistrationOpens);
        var sessions = new JsonArray();
        foreach (var session in context.Content.Sessions.Where(s => s.Registration is not null))
        {
            var start = SessionState.InParis(session.Start);
            sessions.Add(new JsonObject
            {
                ["id"] = session.Id,
                ["title"] = new JsonObject { ["fr"] = session.Text.Fr.Title, ["en"] = session.Text.For(Lang.En).Title },
                ["capacity"] = session.Registration!.Capacity,
                ["waitlist"] = session.Registration.Waitlist,
                ["opens"] = SessionState.Iso(opens),
                ["closes"] = SessionState.Iso(start),
                ["start"] = SessionState.Iso(start),
                ["end"] = SessionState.Iso(SessionState.InParis(session.End)),
                ["links"] = new JsonObject
                {
                    ["pageFr"] = Routes.Session(session, Lang.Fr),
                    ["pageEn"] = Routes.Session(session, Lang.En),
                    ["calendarFr"] = Routes.SessionCalendar(session.Id, Lang.Fr),
                    ["calendarEn"] = Routes.SessionCalendar(session.Id, Lang.En),
                },
                ["calendar"] = new JsonObject { ["fr"] = calendars.Fr.Sessions[session.Id], ["en"] = calendars.En.Sessions[session.Id] },
                ["venue"] = session.VenueId,
                ["room"] = session.Text.Fr.Room,
            });
        }

        var freeEntry = new JsonArray();
        foreach (var session in context.Content.Sessions.Where(s => s.Registration is null))
        {
            freeEntry.Add(new JsonObject
            {
                ["id"] = session.Id,
                ["title"] = new JsonObject { ["fr"] = session.Text.Fr.Title, ["en"] = session.Text.For(Lang.En).Title },
            });
        }

        var root = new JsonObject
        {
            ["version"] = 1,
            ["event"] = new JsonObject
            {
                ["name"] = site.Name[Lang.Fr],
                ["firstDay"] = site.Days[0].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["lastDay"] = site.Days[^1].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["timeZone"] = SessionState.Paris.Id,
                ["siteUrl"] = context.Absolute("/"),
            },
            ["sessions"] = sessions,
            ["freeEntry"] = freeEntry,
        };
        return OutputFile.Text(Path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
