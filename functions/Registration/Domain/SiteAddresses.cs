namespace WeekendCulturel.Registration.Domain;

/// <summary>
/// The pages of the site the API and the e-mails link to or send browsers to, in both languages. The
/// generator takes them from the theme's routes and puts them in the manifest; <c>registrations sync</c>
/// stores them, and the API reads them from there, so that an address of the site is defined once.
/// </summary>
public sealed record SiteAddresses(SitePages Fr, SitePages En)
{
    /// <summary>What the API answers with while storage holds no synced addresses: the site's root.</summary>
    public static readonly SiteAddresses Root = new(SitePages.Root, SitePages.Root);

    public SitePages In(string lang) => lang == "en" ? En : Fr;
}

/// <summary>The site's pages in one language, as paths of the site.</summary>
/// <param name="NewsletterForm">The newsletter form: an anchor of the home page.</param>
/// <param name="NewsletterThanks">Where a browser that subscribed without JavaScript is sent.</param>
/// <param name="FindRegistrations">The form where a visitor who lost their private link asks for it again.</param>
/// <param name="FindRegistrationsThanks">Where a browser that posted that form without JavaScript is sent.</param>
/// <param name="PersonalData">The personal-data page the e-mails' footer links to.</param>
public sealed record SitePages(string Home, string Registration, string NewsletterForm, string NewsletterThanks, string FindRegistrations, string FindRegistrationsThanks, string PersonalData)
{
    public static readonly SitePages Root = new("/", "/", "/", "/", "/", "/", "/");
}
