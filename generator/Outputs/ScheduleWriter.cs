using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WeekendCulturel.Generator.Output;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Outputs;

/// <summary>
/// <c>schedule.json</c> in the frab/pretalx schedule shape, which conference apps and badges already read:
/// conference, then days, then rooms, then events.
/// </summary>
public static class ScheduleWriter
{
    public const string Path = "schedule.json";

    public static OutputFile Write(RenderContext context)
    {
        var site = context.Site;
        var content = context.Content;
        var sessions = content.Sessions;
        var roomNames = sessions.Select(RoomName(context)).Distinct().ToList();
        var days = new JsonArray();
        var index = 0;
        foreach (var day in site.Days)
        {
            var daySessions = sessions.Where(s => s.Day == day.Date).ToList();
            var rooms = new JsonObject();
            foreach (var group in daySessions.GroupBy(RoomName(context)))
            {
                rooms[group.Key] = new JsonArray([.. group.Select(s => (JsonNode)Event(context, s))]);
            }

            days.Add(new JsonObject
            {
                ["index"] = index++,
                ["date"] = day.Date.ToString("yyyy-MM-dd"),
                ["day_start"] = SessionState.Iso(day.Date.ToDateTime(new TimeOnly(6, 0))),
                ["day_end"] = SessionState.Iso(day.Date.ToDateTime(new TimeOnly(23, 59))),
                ["rooms"] = rooms,
            });
        }

        var root = new JsonObject
        {
            ["$schema"] = "https://c3voc.de/schedule/schema.json",
            ["generator"] = new JsonObject { ["name"] = "weekend-culturel" },
            ["schedule"] = new JsonObject
            {
                ["version"] = Version(sessions),
                ["base_url"] = context.Absolute("/"),
                ["conference"] = new JsonObject
                {
                    ["acronym"] = "weekend-culturel-ia-2025",
                    ["title"] = site.Name[Lang.Fr],
                    ["start"] = site.Days[0].Date.ToString("yyyy-MM-dd"),
                    ["end"] = site.Days[^1].Date.ToString("yyyy-MM-dd"),
                    ["daysCount"] = site.Days.Count,
                    ["timeslot_duration"] = "00:15",
                    ["time_zone_name"] = "Europe/Paris",
                    ["url"] = context.Absolute("/"),
                    ["rooms"] = new JsonArray([.. roomNames.Select(r => (JsonNode)new JsonObject { ["name"] = r, ["guid"] = Guid(context, "room:" + r) })]),
                    ["days"] = days,
                },
            },
        };
        return OutputFile.Text(Path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static Func<Session, string> RoomName(RenderContext context) => s =>
    {
        var venue = context.VenueOf(s)?.Text.Fr.ShortName ?? s.VenueId;
        return s.Text.Fr.Room is { } room ? $"{venue} – {room}" : venue;
    };

    private static JsonObject Event(RenderContext context, Session session)
    {
        var fr = session.Text.Fr;
        var duration = session.End - session.Start;
        return new JsonObject
        {
            ["guid"] = Guid(context, "session:" + session.Id),
            ["id"] = StableNumber(session.Id),
            ["date"] = SessionState.Iso(session.Start),
            ["start"] = session.Start.ToString("HH:mm"),
            ["duration"] = $"{(int)duration.TotalHours:00}:{duration.Minutes:00}",
            ["room"] = RoomName(context)(session),
            ["slug"] = session.Id,
            ["url"] = context.Absolute(Routes.SessionPath(session.Id, Lang.Fr)),
            ["title"] = fr.Title,
            ["subtitle"] = session.Text.En?.Title ?? "",
            ["track"] = Ui.Fr.KindName(session.Kind),
            ["type"] = Ui.Fr.KindName(session.Kind),
            ["language"] = "fr",
            ["abstract"] = fr.Summary,
            ["description"] = fr.Summary,
            ["do_not_record"] = false,
            ["persons"] = new JsonArray([.. context.SpeakersOf(session).Select(p => (JsonNode)new JsonObject
            {
                ["guid"] = Guid(context, "person:" + p.Id),
                ["name"] = p.Name,
                ["public_name"] = p.Name,
                ["biography"] = p.Text.Fr.Role,
            })]),
            ["links"] = new JsonArray(),
            ["attachments"] = new JsonArray(),
        };
    }

    /// <summary>A version that changes when the programme changes, so that apps know to reload it.</summary>
    private static string Version(IEnumerable<Session> sessions)
    {
        var text = string.Join('\n', sessions.Select(s => $"{s.Id}|{s.Start:O}|{s.End:O}|{s.Text.Fr.Title}|{s.Text.Fr.Room}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }

    /// <summary>A name-based UUID (version 5 layout) so the same session keeps the same guid across builds.</summary>
    private static string Guid(RenderContext context, string name)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(context.BaseUrl.Host + "/" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new System.Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    private static int StableNumber(string id) => (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(id)), 0) & 0x7FFFFFFF);
}
