using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using WeekendCulturel.Generator.Writing;
using WeekendCulturel.Theme.Model;
using CultureInfo = System.Globalization.CultureInfo;

namespace WeekendCulturel.Generator.DataFiles;

/// <summary>iCalendar files (RFC 5545) with Ical.Net: one per session and one for the whole programme, per language.</summary>
public static class CalendarWriter
{
    private static readonly string TimeZone = SessionState.Paris.Id;
    private const string EventStart = "BEGIN:VEVENT\r\n";
    private const string EventEnd = "END:VEVENT\r\n";

    /// <summary>The text of every calendar of the site, in both languages: what <see cref="Files"/> writes and the registration manifest carries.</summary>
    public static SiteCalendars Calendars(RenderContext context)
    {
        var perLanguage = new[] { Lang.Fr, Lang.En }.AsParallel().AsOrdered().Select(lang => Cut(context, lang)).ToList();
        return new SiteCalendars(perLanguage[0], perLanguage[1]);
    }

    /// <summary>The calendar files: each session's, then the programme's, French then English.</summary>
    public static IEnumerable<OutputFile> Files(RenderContext context, SiteCalendars calendars) =>
        new[] { calendars.Fr, calendars.En }.SelectMany(set => context.Content.Sessions
            .Where(s => set.Sessions.ContainsKey(s.Id))
            .Select(s => OutputFile.Text(Routes.SessionCalendar(s.Id, set.Lang), set.Sessions[s.Id]))
            .Append(OutputFile.Text(Routes.ProgrammeCalendar(set.Lang), set.Programme)));

    /// <summary>
    /// Ical.Net serialises the programme once; each session's own calendar is the same calendar cut down to
    /// its one event. Serialising ten thousand one-event calendars one by one spent most of its time on what
    /// every calendar repeats (the time zone, the serialiser's setup).
    /// </summary>
    private static LanguageCalendars Cut(RenderContext context, Lang lang)
    {
        var sessions = context.Content.Sessions;
        var programme = Serialize(context, lang, sessions);
        var texts = new Dictionary<string, string>(sessions.Count, StringComparer.Ordinal);
        var head = programme.IndexOf(EventStart, StringComparison.Ordinal);
        var tail = programme.LastIndexOf(EventEnd, StringComparison.Ordinal);
        if (head < 0 || tail < 0)
        {
            // No session: only the programme, empty.
            return new LanguageCalendars(lang, programme, texts);
        }

        var header = programme[..head];
        var footer = programme[(tail + EventEnd.Length)..];
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var at = head; at >= 0 && at <= tail; at = programme.IndexOf(EventStart, at + EventStart.Length, StringComparison.Ordinal))
        {
            var end = programme.IndexOf(EventEnd, at, StringComparison.Ordinal) + EventEnd.Length;
            var block = programme[at..end];
            blocks[UnfoldedValue(block, "UID")] = block;
        }

        foreach (var session in sessions)
        {
            texts[session.Id] = header + blocks[Uid(context, session)] + footer;
        }

        return new LanguageCalendars(lang, programme, texts);
    }

    /// <summary>A property's value, its long lines unfolded (RFC 5545 folds at 75 octets).</summary>
    private static string UnfoldedValue(string block, string name)
    {
        var start = block.IndexOf("\r\n" + name + ":", StringComparison.Ordinal) + name.Length + 3;
        var end = start;
        while ((end = block.IndexOf("\r\n", end, StringComparison.Ordinal)) >= 0 && end + 2 < block.Length && block[end + 2] is ' ' or '\t')
        {
            end += 2;
        }

        return block[start..end].Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal);
    }

    private static string Uid(RenderContext context, Session session) => $"{session.Id}@{context.BaseUrl.Host}";

    /// <summary>
    /// Paris's VTIMEZONE with its rules (a STANDARD and a DAYLIGHT observance, as RFC 5545 requires), from the
    /// tz database through Ical.Net. Ical.Net takes the rules in force from the year before the given day up to
    /// now: from the event's first day, the file stays the same from one build to the next. Only for an event
    /// more than a year ahead, which that range cannot reach, does it start from a year after today instead.
    /// </summary>
    private static VTimeZone ParisRules(RenderContext context)
    {
        var firstDay = context.Site.Days[0].Date.ToDateTime(TimeOnly.MinValue);
        var latest = DateTime.UtcNow.Date.AddYears(1);
        return VTimeZone.FromDateTimeZone(TimeZone, firstDay < latest ? firstDay : latest, includeHistoricalData: false);
    }

    public static string Serialize(RenderContext context, Lang lang, IEnumerable<Session> sessions)
    {
        var calendar = new Calendar { ProductId = "-//Ministere de la Culture//Week-end culturel de l'IA//" + lang.Code().ToUpperInvariant() };
        calendar.AddTimeZone(ParisRules(context));
        calendar.AddProperty("X-WR-CALNAME", context.Site.Name[lang]);
        calendar.AddProperty("X-WR-TIMEZONE", TimeZone);

        // DTSTAMP must not change from one build to the next, or every calendar would look new each time.
        var stamp = SessionState.InParis(context.Site.RegistrationOpens).UtcDateTime;
        foreach (var session in sessions)
        {
            var text = session.Text.For(lang);
            var venue = context.VenueOf(session);
            var location = venue is null
                ? text.Room
                : string.Join(", ", new[] { text.Room, venue.Text.For(lang).Name, venue.Address.Street, $"{venue.Address.PostalCode} {venue.Address.City}" }.Where(p => p is not null));
            var url = context.Absolute(Routes.Session(session, lang));
            calendar.Events.Add(new CalendarEvent
            {
                Uid = Uid(context, session),
                Summary = text.Title,
                Description = $"{text.Summary}\n\n{url}",
                Location = location,
                Url = new Uri(url),
                DtStart = new CalDateTime(session.Start, TimeZone),
                DtEnd = new CalDateTime(session.End, TimeZone),
                DtStamp = new CalDateTime(stamp, "UTC"),
                Categories = [Ui.For(lang).KindName(session.Kind)],
            });
        }

        // Ical.Net writes some numbers in the current culture (an Arabic culture's minus sign in BYDAY=-1SU):
        // the file must not depend on the machine that builds it.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return new CalendarSerializer().SerializeToString(calendar) ?? "";
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}

/// <summary>The site's calendars in both languages.</summary>
public sealed record SiteCalendars(LanguageCalendars Fr, LanguageCalendars En)
{
    public LanguageCalendars For(Lang lang) => lang == Lang.En ? En : Fr;
}

/// <summary>The calendars of one language: the programme's text, and each session's by id.</summary>
public sealed record LanguageCalendars(Lang Lang, string Programme, IReadOnlyDictionary<string, string> Sessions);
