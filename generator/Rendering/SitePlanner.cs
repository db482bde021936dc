using WeekendCulturel.Contract;
using WeekendCulturel.Theme.Model;
using WeekendCulturel.Theme.Pages;

namespace WeekendCulturel.Generator.Rendering;

/// <summary>Decides which pages the site has, in which languages, with their titles, trails and alternates.</summary>
public static class SitePlanner
{
    public static IReadOnlyList<PlannedPage> Plan(RenderContext context)
    {
        var pages = new List<PlannedPage>();
        foreach (var lang in new[] { Lang.Fr, Lang.En })
        {
            PlanLanguage(context, lang, pages);
        }

        return pages;
    }

    private static void PlanLanguage(RenderContext context, Lang lang, List<PlannedPage> pages)
    {
        var ui = Ui.For(lang);
        var content = context.Content;
        var site = context.Site;
        var other = lang.Other();

        PageMeta Meta(string path, string? alternate, string title, string description, IReadOnlyList<Crumb> trail, string? jsonLd = null, string ogType = "website") =>
            new(lang, path, alternate, title, description, trail, jsonLd, ogType);

        pages.Add(PlannedPage.Of<HomePage>(Routes.Home(lang), Parameters(context,
            Meta(Routes.Home(lang), Routes.Home(other), site.Name[lang], site.Description[lang], [], StructuredData.ForEvent(context, lang)))));

        pages.Add(PlannedPage.Of<ProgrammePage>(Routes.Programme(lang), Parameters(context,
            Meta(Routes.Programme(lang), Routes.Programme(other), ui.Programme, Describe(ui.Programme, site, lang), []))));

        pages.AddRange(content.Sessions.Where(s => s.Text.Has(lang)).Select(session => PlanSession(context, session, lang)));

        pages.Add(PlannedPage.Of<SpeakersPage>(Routes.Speakers(lang), Parameters(context,
            Meta(Routes.Speakers(lang), Routes.Speakers(other), ui.Speakers, Describe(ui.Speakers, site, lang), []))));

        pages.Add(PlannedPage.Of<VenuesPage>(Routes.Venues(lang), Parameters(context,
            Meta(Routes.Venues(lang), Routes.Venues(other), ui.Venues, Describe(ui.Venues, site, lang), []))));
        var venuesCrumb = new Crumb(ui.Venues, Routes.Venues(lang));
        foreach (var venue in content.Venues.Values.Where(v => v.Text.Has(lang)))
        {
            var text = venue.Text.For(lang);
            var path = Routes.Venue(venue, lang);
            var alternate = venue.Text.Has(other) ? Routes.Venue(venue, other) : null;
            pages.Add(PlannedPage.Of<VenuePage>(path, new VenuePageParameters(context,
                Meta(path, alternate, text.Name, $"{text.Name}, {venue.Address.Street}, {venue.Address.PostalCode} {venue.Address.City}", [venuesCrumb]),
                venue)));
        }

        pages.Add(PlannedPage.Of<PressPage>(Routes.Press(lang), Parameters(context,
            Meta(Routes.Press(lang), Routes.Press(other), ui.Press, Describe(ui.Press, site, lang), []))));
        var pressCrumb = new Crumb(ui.Press, Routes.Press(lang));
        foreach (var item in content.Press.Where(p => p.Text.Has(lang)))
        {
            var text = item.Text.For(lang);
            var path = Routes.PressItem(item, lang);
            var alternate = item.Text.Has(other) ? Routes.PressItem(item, other) : null;
            pages.Add(PlannedPage.Of<PressItemPage>(path, new PressItemPageParameters(context,
                Meta(path, alternate, text.Title, text.Summary, [pressCrumb], ogType: "article"), item)));
        }

        pages.Add(PlannedPage.Of<PartnersPage>(Routes.Partners(lang), Parameters(context,
            Meta(Routes.Partners(lang), Routes.Partners(other), ui.Partners, Describe(ui.Partners, site, lang), []))));

        foreach (var page in content.Pages.Values.Where(p => p.Id != Routes.PageIds.Home && p.Text.Has(lang)))
        {
            var text = page.Text.For(lang);
            var path = Routes.Page(page, lang);
            var alternate = page.Text.Has(other) ? Routes.Page(page, other) : null;
            pages.Add(PlannedPage.Of<TextPage>(path, new TextPageParameters(context, Meta(path, alternate, text.Title, text.Description, []), page)));
        }

        var registrationTitle = lang == Lang.Fr ? "Inscription" : "Registration";
        pages.Add(PlannedPage.Of<RegistrationPage>(Routes.Registration(lang), Parameters(context,
            Meta(Routes.Registration(lang), Routes.Registration(other), registrationTitle,
                lang == Lang.Fr ? "Inscrivez-vous gratuitement aux séances du Week-end culturel de l’IA." : "Register for free for the sessions of the AI Cultural Weekend.", []))));

        var registrationCrumb = new Crumb(registrationTitle, Routes.Registration(lang));
        var findTitle = lang == Lang.Fr ? "Retrouver mes inscriptions" : "Find my registrations";
        pages.Add(PlannedPage.Of<FindRegistrationsPage>(Routes.FindRegistrations(lang), Parameters(context,
            Meta(Routes.FindRegistrations(lang), Routes.FindRegistrations(other), findTitle,
                lang == Lang.Fr ? "Lien d’inscription perdu : recevez par courriel le lien de chacune de vos inscriptions." : "Lost your registration link: get the link of each of your registrations by email.", [registrationCrumb]))));

        pages.Add(PlannedPage.Of<MessagePage>(Routes.FindRegistrationsThanks(lang), new MessagePageParameters(context,
            new PageMeta(lang, Routes.FindRegistrationsThanks(lang), Routes.FindRegistrationsThanks(other), lang == Lang.Fr ? "Demande envoyée" : "Request sent",
                lang == Lang.Fr ? "Votre demande de liens d’inscription est envoyée." : "Your request for your registration links is sent.",
                [registrationCrumb, new Crumb(findTitle, Routes.FindRegistrations(lang))], Indexable: false),
            Message: lang == Lang.Fr
                ? "Si cette adresse a des inscriptions, un message avec leurs liens est en route. Il peut mettre quelques minutes à arriver ; pensez à regarder dans vos courriers indésirables."
                : "If this address has bookings, an email with their links is on its way. It may take a few minutes to arrive; check your spam folder too.")));

        // Version 2 of the newsletter: the address is only pending until its owner confirms it from an e-mail.
        pages.Add(PlannedPage.Of<MessagePage>(Routes.NewsletterThanks(lang), new MessagePageParameters(context,
            new PageMeta(lang, Routes.NewsletterThanks(lang), Routes.NewsletterThanks(other), lang == Lang.Fr ? "Abonnement à confirmer" : "Confirm your subscription",
                lang == Lang.Fr ? "Confirmez votre abonnement à la lettre d’information depuis votre messagerie." : "Confirm your newsletter subscription from your inbox.", [], Indexable: false),
            Message: lang == Lang.Fr
                ? "Merci ! Vérifiez votre messagerie : nous venons d’envoyer un message à votre adresse, ouvrez son lien pour confirmer votre abonnement. Sans confirmation, votre adresse est effacée au bout de 7 jours."
                : "Thank you! Check your inbox: we have just sent a message to your address; open its link to confirm your subscription. Without confirmation, your address is deleted after 7 days.")));

        pages.Add(PlannedPage.Of<SiteMapPage>(Routes.SiteMap(lang), Parameters(context,
            Meta(Routes.SiteMap(lang), Routes.SiteMap(other), ui.SiteMap, Describe(ui.SiteMap, site, lang), []))));

        pages.Add(PlannedPage.Of<NotFoundPage>(Routes.NotFound(lang), Parameters(context,
            new PageMeta(lang, Routes.NotFound(lang), Routes.NotFound(other), ui.NotFoundTitle, ui.NotFoundLead, [], Indexable: false))));
    }

    /// <summary>The page of one session in one language (which it must have).</summary>
    public static PlannedPage PlanSession(RenderContext context, Session session, Lang lang)
    {
        var ui = Ui.For(lang);
        var other = lang.Other();
        var text = session.Text.For(lang);
        var path = Routes.SessionPath(session.Id, lang);
        var alternate = session.Text.Has(other) ? Routes.SessionPath(session.Id, other) : null;
        return PlannedPage.Of<SessionPage>(path, new SessionPageParameters(context,
            new PageMeta(lang, path, alternate, text.Title, text.Summary, [new Crumb(ui.Programme, Routes.Programme(lang))], OgType: "event"),
            session)) with { JsonLd = () => StructuredData.ForSession(context, session, lang) };
    }

    /// <summary>
    /// The page shells in which the registration API writes its own pages (booking, form errors): the site's
    /// header and footer around a marker. They are not published; <c>registrations sync</c> stores them.
    /// </summary>
    public static IReadOnlyList<PlannedPage> PlanShells(RenderContext context) =>
        [.. new[] { Lang.Fr, Lang.En }.Select(lang => PlannedPage.Of<MessagePage>("/_shell/" + lang.Code(), new MessagePageParameters(context,
            new PageMeta(lang, Routes.Registration(lang), null, PageShellMarkers.Title, context.Site.Name[lang], [new Crumb(lang == Lang.Fr ? "Inscription" : "Registration", Routes.Registration(lang))], Indexable: false),
            Raw: PageShellMarkers.Main)))];

    private static string Describe(string section, SiteInfo site, Lang lang) => $"{section} – {site.Name[lang]}";

    /// <summary>The parameters of a page that takes no more than every page does.</summary>
    private static PageParameters Parameters(RenderContext context, PageMeta meta) => new(context, meta);
}
