using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WeekendCulturel.Generator.Writing;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.DataFiles;

/// <summary>
/// <c>schedule.json</c> in the frab/pretalx schedule shape, which conference apps and badges already read:
/// conference, then days, then rooms, then events.
/// </summary>
public static class ScheduleWriter
{
    public const string Path = "schedule.json";

    // The schema's pattern for acronyms allows no hyphen between words (^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$).
    private const string Acronym = "weekend_culturel_ia_2025";

    public static OutputFile Write(RenderContext context)
    {
        var site = context.Site;
        var sessions = context.Content.Sessions;
        // Each session's room name once: the room list, the days' groups and the events all need it.
        var placed = sessions.Select(s => (Session: s, Room: RoomName(context, s))).ToList();
        // About 2 KB an event, up to a megabyte to start with: a fixed megabyte was a large-object allocation,
        // and so a full garbage collection before long, on every check of a small site.
        var buffer = new ArrayBufferWriter<byte>(Math.Min(1 << 20, 4096 + (sessions.Count * 2048)));
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://c3voc.de/schedule/schema.json");
            w.WriteStartObject("generator");
            w.WriteString("name", "weekend-culturel");
            w.WriteEndObject();
            w.WriteStartObject("schedule");
            w.WriteString("version", Version(sessions));
            w.WriteString("base_url", context.Absolute("/"));
            w.WriteStartObject("conference");
            w.WriteString("acronym", Acronym);
            w.WriteString("title", site.Name[Lang.Fr]);
            w.WriteString("start", site.Days[0].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("end", site.Days[^1].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteNumber("daysCount", site.Days.Count);
            w.WriteString("timeslot_duration", "00:15");
            w.WriteString("time_zone_name", SessionState.Paris.Id);
            w.WriteString("url", context.Absolute("/"));
            w.WriteStartArray("rooms");
            foreach (var room in placed.Select(p => p.Room).Distinct())
            {
                w.WriteStartObject();
                w.WriteString("name", room);
                w.WriteString("guid", Guid(context, "room:" + room));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("days");
            var index = 0;
            foreach (var day in site.Days)
            {
                w.WriteStartObject();
                w.WriteNumber("index", index++);
                w.WriteString("date", day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteString("day_start", SessionState.Iso(day.Date.ToDateTime(new TimeOnly(6, 0))));
                w.WriteString("day_end", SessionState.Iso(day.Date.ToDateTime(new TimeOnly(23, 59))));
                w.WriteStartObject("rooms");
                foreach (var group in placed.Where(p => p.Session.Day == day.Date).GroupBy(p => p.Room))
                {
                    w.WriteStartArray(group.Key);
                    foreach (var (session, room) in group)
                    {
                        WriteEvent(w, context, session, room);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return new OutputFile(Path, buffer.WrittenSpan.ToArray());
    }

    private static string RoomName(RenderContext context, Session session)
    {
        var venue = context.VenueOf(session)?.Text.Fr.ShortName ?? session.VenueId;
        return session.Text.Fr.Room is { } room ? $"{venue} – {room}" : venue;
    }

    private static void WriteEvent(Utf8JsonWriter w, RenderContext context, Session session, string room)
    {
        var fr = session.Text.Fr;
        var duration = session.End - session.Start;
        w.WriteStartObject();
        w.WriteString("guid", Guid(context, "session:" + session.Id));
        w.WriteNumber("id", StableNumber(session.Id));
        w.WriteString("date", SessionState.Iso(session.Start));
        w.WriteString("start", session.Start.ToString("HH:mm", CultureInfo.InvariantCulture));
        w.WriteString("duration", string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours:00}:{duration.Minutes:00}"));
        w.WriteString("room", room);
        w.WriteString("slug", session.Id);
        w.WriteString("url", context.Absolute(Routes.SessionPath(session.Id, Lang.Fr)));
        w.WriteString("title", fr.Title);
        w.WriteString("subtitle", session.Text.En?.Title ?? "");
        w.WriteString("track", Ui.Fr.KindName(session.Kind));
        w.WriteString("type", Ui.Fr.KindName(session.Kind));
        w.WriteString("language", "fr");
        w.WriteString("abstract", fr.Summary);
        w.WriteString("description", fr.Summary);
        w.WriteBoolean("do_not_record", false);
        w.WriteStartArray("persons");
        foreach (var person in context.SpeakersOf(session))
        {
            w.WriteStartObject();
            w.WriteString("guid", Guid(context, "person:" + person.Id));
            w.WriteString("name", person.Name);
            w.WriteString("public_name", person.Name);
            w.WriteString("biography", person.Text.Fr.Role);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("links");
        w.WriteEndArray();
        w.WriteStartArray("attachments");
        w.WriteEndArray();
        w.WriteEndObject();
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

    // The schema wants ids from 1 up.
    private static int StableNumber(string id) => Math.Max(1, (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(id)), 0) & 0x7FFFFFFF));
}
