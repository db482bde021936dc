using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using WeekendCulturel.Generator.Output;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Outputs;

/// <summary>iCalendar files (RFC 5545) with Ical.Net: one per session and one for the whole programme, per language.</summary>
public static class CalendarWriter
{
    private const string TimeZone = "Europe/Paris";

    public static IEnumerable<OutputFile> Write(RenderContext context)
    {
        foreach (var lang in new[] { Lang.Fr, Lang.En })
        {
            foreach (var session in context.Content.Sessions)
            {
                yield return OutputFile.Text(Routes.SessionCalendar(session.Id, lang), Serialize(context, lang, [session]));
            }

            yield return OutputFile.Text(Routes.ProgrammeCalendar(lang), Serialize(context, lang, context.Content.Sessions));
        }
    }

    public static string Serialize(RenderContext context, Lang lang, IEnumerable<Session> sessions)
    {
        var calendar = new Calendar { ProductId = "-//Ministere de la Culture//Week-end culturel de l'IA//" + lang.Code().ToUpperInvariant() };
        calendar.AddTimeZone(new VTimeZone(TimeZone));
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
                Uid = $"{session.Id}@{context.BaseUrl.Host}",
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

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
