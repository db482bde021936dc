using Microsoft.AspNetCore.Http;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// Whether a form post comes from the site's own pages: a form on another website could otherwise post
/// registrations and cancellations in a visitor's name (JSON posts from another site are already stopped by
/// the browser, which would have to ask first and is never allowed).
/// </summary>
public static class FormOrigin
{
    public static bool IsFromSite(HttpRequest request, Uri? siteUrl)
    {
        var site = siteUrl ?? (Uri.TryCreate($"{request.Scheme}://{request.Host}", UriKind.Absolute, out var own) ? own : null);
        if (request.Headers.Origin.ToString() is { Length: > 0 } origin)
        {
            // "null" (a sandboxed frame, a data: page, a hidden referrer) names no site, so it is not ours.
            return SameOrigin(origin, site);
        }

        if (request.Headers.Referer.ToString() is { Length: > 0 } referer)
        {
            return SameOrigin(referer, site);
        }

        // Neither header: not a browser. Every browser sends Origin with a POST (the Fetch standard gives
        // every request other than GET and HEAD one, "null" when it hides it), so a form on another site
        // always names where it comes from. Without either, the sender is a program, which could as well
        // write whichever Origin it likes: refusing it would protect nobody.
        return true;
    }

    private static bool SameOrigin(string address, Uri? site) =>
        site is not null
        && Uri.TryCreate(address, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, site.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, site.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == site.Port;
}
