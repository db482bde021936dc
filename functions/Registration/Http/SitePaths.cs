using Microsoft.AspNetCore.Http;
using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// The site's own pages the API sends browsers to, as paths of the site (the theme's routes). Links back to
/// a form are built from these, never from a request's <c>Referer</c>.
/// </summary>
public static class SitePaths
{
    public static string RegistrationForm(string lang) => lang == "en" ? "/en/registration/" : "/inscription/";

    /// <summary>The newsletter form is on the home page.</summary>
    public static string NewsletterForm(string lang) => lang == "en" ? "/en/#lettre" : "/#lettre";

    public static string NewsletterThanks(string lang) => lang == "en" ? "/en/newsletter/thanks/" : "/lettre/merci/";

    /// <summary>The "Find my registrations" form, where a visitor who lost their private link asks for it again.</summary>
    public static string FindRegistrations(string lang) => lang == "en" ? "/en/registration/find/" : "/inscription/retrouver/";

    /// <summary>Where the API sends a browser that posted the "Find my registrations" form without JavaScript.</summary>
    public static string FindRegistrationsThanks(string lang) => FindRegistrations(lang) + (lang == "en" ? "thanks/" : "merci/");

    public static string Home(string lang) => lang == "en" ? "/en/" : "/";

    public static bool IsNewsletter(PathString apiPath) => apiPath.Value?.EndsWith("/newsletter", StringComparison.Ordinal) == true;

    /// <summary>
    /// The page holding the form that was posted to an API route: the newsletter form, the booking page of a
    /// cancel form, else the registration form.
    /// </summary>
    public static string FormOf(PathString apiPath, string lang)
    {
        if (IsNewsletter(apiPath))
        {
            return NewsletterForm(lang);
        }

        if (apiPath.Value?.EndsWith("/registrations/recover", StringComparison.Ordinal) == true)
        {
            return FindRegistrations(lang);
        }

        if (apiPath.Value?.Contains("/newsletter/", StringComparison.Ordinal) == true)
        {
            return Home(lang);
        }

        // /api/registrations/{token}/... : the token is taken only when it has a token's shape.
        var segments = (apiPath.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 3 && segments[1] == "registrations" && ManageToken.IsWellFormed(segments[2])
            ? $"{RegistrationApi.PagePath(segments[2])}?lang={lang}"
            : RegistrationForm(lang);
    }
}
