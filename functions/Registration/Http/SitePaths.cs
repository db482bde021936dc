using Microsoft.AspNetCore.Http;
using WeekendCulturel.Contract;
using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// Which of the site's pages (<see cref="SitePages"/>, as the catalogue holds them) a browser goes back to
/// from an API route. Links back to a form are built from these, never from a request's <c>Referer</c>.
/// </summary>
public static class SitePaths
{
    public static bool IsNewsletter(PathString apiPath) => apiPath.Value?.EndsWith("/newsletter", StringComparison.Ordinal) == true;

    /// <summary>
    /// The page holding the form that was posted to an API route: the newsletter form, the booking page of a
    /// cancel form, else the registration form.
    /// </summary>
    public static string FormOf(PathString apiPath, SitePages pages, string lang)
    {
        if (IsNewsletter(apiPath))
        {
            return pages.NewsletterForm;
        }

        if (apiPath.Value?.EndsWith("/registrations/recover", StringComparison.Ordinal) == true)
        {
            return pages.FindRegistrations;
        }

        if (apiPath.Value?.Contains("/newsletter/", StringComparison.Ordinal) == true)
        {
            return pages.Home;
        }

        // /api/registrations/{token}/... : the token is taken only when it has a token's shape.
        var segments = (apiPath.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 3 && segments[1] == "registrations" && ManageToken.IsWellFormed(segments[2])
            ? $"{ApiPaths.BookingPage(segments[2])}?lang={lang}"
            : pages.Registration;
    }
}
