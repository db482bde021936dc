namespace WeekendCulturel.Theme.Model;

/// <summary>
/// The addresses of the site, in one place: French at the root, English under /en/. A page that has no
/// English translation is linked to in French from the English site.
/// </summary>
public static class Routes
{
    public static string Home(Lang lang) => lang == Lang.Fr ? "/" : "/en/";

    public static string Programme(Lang lang) => lang == Lang.Fr ? "/programme/" : "/en/programme/";

    public static string Session(Session session, Lang lang) => SessionPath(session.Id, session.Text.Has(lang) ? lang : Lang.Fr);

    public static string SessionPath(string id, Lang lang) => Programme(lang) + id + "/";

    public static string Speakers(Lang lang) => lang == Lang.Fr ? "/intervenants/" : "/en/speakers/";

    public static string Speaker(Speaker speaker, Lang lang) => Speakers(speaker.Text.Has(lang) ? lang : Lang.Fr) + "#" + speaker.Id;

    public static string Venues(Lang lang) => lang == Lang.Fr ? "/lieux/" : "/en/venues/";

    public static string Venue(Venue venue, Lang lang) => Venues(venue.Text.Has(lang) ? lang : Lang.Fr) + venue.Id + "/";

    public static string Press(Lang lang) => lang == Lang.Fr ? "/presse/" : "/en/press/";

    public static string PressItem(PressItem item, Lang lang) => Press(item.Text.Has(lang) ? lang : Lang.Fr) + item.Id + "/";

    /// <summary>A press item's attachment, published once, under the French press section.</summary>
    public static string PressFile(string attachment) => Press(Lang.Fr) + "fichiers/" + attachment;

    public static string PressFeed(Lang lang) => Press(lang) + (lang == Lang.Fr ? "flux.xml" : "feed.xml");

    public static string Partners(Lang lang) => lang == Lang.Fr ? "/partenaires/" : "/en/partners/";

    public static string Page(ContentPage page, Lang lang)
    {
        var effective = page.Text.Has(lang) ? lang : Lang.Fr;
        return effective == Lang.Fr ? "/" + page.Id + "/" : "/en/" + page.Text.For(Lang.En).Slug + "/";
    }

    public static string SiteMap(Lang lang) => lang == Lang.Fr ? "/plan-du-site/" : "/en/sitemap/";

    public static string Registration(Lang lang) => lang == Lang.Fr ? "/inscription/" : "/en/registration/";

    /// <summary>The id of the home page's newsletter form, which the API sends people back to.</summary>
    public const string NewsletterFormId = "lettre";

    public static string NewsletterForm(Lang lang) => Home(lang) + "#" + NewsletterFormId;

    /// <summary>Where the API sends a browser that subscribed to the newsletter without JavaScript.</summary>
    public static string NewsletterThanks(Lang lang) => lang == Lang.Fr ? "/lettre/merci/" : "/en/newsletter/thanks/";

    /// <summary>The form where a visitor who lost their private link asks for it again by e-mail.</summary>
    public static string FindRegistrations(Lang lang) => Registration(lang) + (lang == Lang.Fr ? "retrouver/" : "find/");

    /// <summary>Where the API sends a browser that posted the "Find my registrations" form without JavaScript.</summary>
    public static string FindRegistrationsThanks(Lang lang) => FindRegistrations(lang) + (lang == Lang.Fr ? "merci/" : "thanks/");

    /// <summary>The registration form with a session ticked (by the script) and in view (by the anchor).</summary>
    public static string RegisterFor(string sessionId, Lang lang) => Registration(lang) + "?" + SessionParameter + "=" + sessionId + "#seance-" + sessionId;

    /// <summary>The query parameter of <see cref="RegisterFor"/> that names the session to tick.</summary>
    public const string SessionParameter = "session";

    public static string SessionCalendar(string id, Lang lang) => (lang == Lang.Fr ? "/agenda/" : "/en/calendar/") + id + ".ics";

    public static string ProgrammeCalendar(Lang lang) => lang == Lang.Fr ? "/agenda/programme.ics" : "/en/calendar/programme.ics";

    public static string NotFound(Lang lang) => lang == Lang.Fr ? "/404.html" : "/en/404.html";

    /// <summary>The page ids of <c>content/pages/</c> that the theme places in its menus and footer.</summary>
    public static class PageIds
    {
        public const string Home = "accueil";
        public const string MinisterMessage = "mot-de-la-ministre";
        public const string LegalNotice = "mentions-legales";
        public const string Accessibility = "accessibilite";
        public const string PersonalData = "donnees-personnelles";
        public const string FurtherReading = "aller-plus-loin";

        public static readonly IReadOnlyList<string> Required = [Home, MinisterMessage, LegalNotice, Accessibility, PersonalData, FurtherReading];
    }

    /// <summary>First path segments the theme uses itself: a page id cannot take them.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "en", "programme", "intervenants", "speakers", "lieux", "venues", "presse", "press", "partenaires", "partners",
        "plan-du-site", "sitemap", "inscription", "registration", "agenda", "calendar", "assets", "api", "lettre", "newsletter",
    };
}
