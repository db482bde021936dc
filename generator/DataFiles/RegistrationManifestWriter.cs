using WeekendCulturel.Generator.Writing;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.DataFiles;

/// <summary>
/// The registration manifest of the built site (<see cref="RegistrationManifest"/>): every session that takes
/// registrations, with its capacity, waiting list and window (times at their Paris offset), and the sessions
/// that take none by id and title, and the site's pages the API sends browsers to and the e-mails link to,
/// from the theme's routes. Each session holds its calendar files' text, the very strings the site
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
        var personalData = context.Page(Routes.PageIds.PersonalData);
        return new RegistrationManifest(site.Days[^1].Date, sessions, Addresses(lang => personalData is null ? Routes.Home(lang) : Routes.Page(personalData, lang))) { FreeEntry = freeEntry };
    }

    /// <summary>The site's pages of <see cref="SiteAddresses"/>; the personal-data page is content, so it is given.</summary>
    public static SiteAddresses Addresses(Func<Lang, string> personalData)
    {
        SitePages In(Lang lang) => new(
            Routes.Home(lang),
            Routes.Registration(lang),
            Routes.NewsletterForm(lang),
            Routes.NewsletterThanks(lang),
            Routes.FindRegistrations(lang),
            Routes.FindRegistrationsThanks(lang),
            personalData(lang));
        return new SiteAddresses(In(Lang.Fr), In(Lang.En));
    }

    public static OutputFile File(RegistrationManifest manifest) => new(Path, manifest.ToJson());
}
