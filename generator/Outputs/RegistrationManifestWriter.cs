using WeekendCulturel.Generator.Output;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Outputs;

/// <summary>
/// The registration manifest of the built site (<see cref="RegistrationManifest"/>): every session that takes
/// registrations, with its capacity, waiting list and window (times at their Paris offset), and the sessions
/// that take none by id and title. Each session holds its calendar files' text, the very strings the site
/// writes as its <c>.ics</c> files, for the e-mails to attach.
/// </summary>
public static class RegistrationManifestWriter
{
    public const string Path = "registration-manifest.json";

    public static RegistrationManifest Manifest(RenderContext context, SiteCalendars calendars)
    {
        var site = context.Site;
        var opens = SessionState.InParis(site.RegistrationOpens);
        var sessions = context.Content.Sessions.Where(s => s.Registration is not null).Select(session =>
        {
            var start = SessionState.InParis(session.Start);
            return new SessionDefinition(
                session.Id,
                session.Text.Fr.Title,
                session.Text.For(Lang.En).Title,
                opens,
                start,
                start,
                SessionState.InParis(session.End),
                session.Registration!.Capacity,
                session.Registration.Waitlist,
                new SessionLinks(
                    Routes.Session(session, Lang.Fr),
                    Routes.Session(session, Lang.En),
                    Routes.SessionCalendar(session.Id, Lang.Fr),
                    Routes.SessionCalendar(session.Id, Lang.En)))
            {
                Calendars = new SessionCalendars(calendars.Fr.Sessions[session.Id], calendars.En.Sessions[session.Id]),
            };
        }).ToList();
        var freeEntry = context.Content.Sessions.Where(s => s.Registration is null)
            .Select(s => new FreeEntrySession(s.Id, s.Text.Fr.Title, s.Text.For(Lang.En).Title))
            .ToList();
        return new RegistrationManifest(site.Days[^1].Date, sessions) { FreeEntry = freeEntry };
    }

    public static OutputFile File(RegistrationManifest manifest) => new(Path, manifest.ToJson());
}
