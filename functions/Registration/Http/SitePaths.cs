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
    // Matched by their ends: a host may mount the API under a path base of its own.
    public static bool IsNewsletter(PathString apiPath) => Is(apiPath, ApiPaths.Newsletter);

    public static bool IsRegistrations(PathString apiPath) => Is(apiPath, ApiPaths.Registrations);

    private static bool Is(PathString apiPath, string route) => apiPath.Value?.EndsWith(route, StringComparison.Ordinal) == true;

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

        if (Is(apiPath, ApiPaths.Recover))
        {
            return pages.FindRegistrations;
        }

        if (apiPath.Value?.Contains(ApiPaths.Newsletter + "/", StringComparison.Ordinal) == true)
        {
            return pages.Home;
        }

        // /api/registrations/{token}/... : the token is taken only when it has a token's shape.
        var value = apiPath.Value ?? "";
        var after = value.IndexOf(ApiPaths.Registrations + "/", StringComparison.Ordinal);
        var token = after < 0 ? "" : value[(after + ApiPaths.Registrations.Length + 1)..].Split('/')[0];
        return ManageToken.IsWellFormed(token)
            ? ApiPaths.BookingPage(token, lang)
            : pages.Registration;
    }
}
