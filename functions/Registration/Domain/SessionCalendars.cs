using System.Text;
using WeekendCulturel.Registration.Mail;

namespace WeekendCulturel.Registration.Domain;

/// <summary>
/// A session's calendar file as the site publishes it (<c>/agenda/{id}.ics</c>, <c>/en/calendar/{id}.ics</c>),
/// carried from the generator through the manifest and the catalogue, so that an e-mail attaches the very file
/// the session's page offers: one definition of the event, not a second one written for e-mails. Strings, not
/// bytes, so that two definitions compare equal by value.
/// </summary>
/// <param name="Fr">The French file's text (iCalendar, CRLF line ends).</param>
/// <param name="En">The English file's text.</param>
public sealed record SessionCalendars(string Fr, string En)
{
    public string Text(string lang) => lang == "en" ? En : Fr;

    /// <summary>The file to attach to a message in <paramref name="lang"/>: <c>{id}.ics</c>, UTF-8 as the site serves it.</summary>
    public CalendarFile File(string sessionId, string lang) => new(sessionId + ".ics", Encoding.UTF8.GetBytes(Text(lang)));
}
