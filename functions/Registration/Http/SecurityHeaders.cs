using System.Security.Cryptography;
using System.Text;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// The site's security headers, defined once. The generator writes them into staticwebapp.config.json for
/// the static pages; the API sends them itself with its own HTML pages, because Static Web Apps does not add
/// its global headers to what a linked backend answers.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Every header but the Content-Security-Policy, in the order the hosting configuration lists them.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Fixed =
    [
        new("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
        new("X-Content-Type-Options", "nosniff"),
        new("Referrer-Policy", "strict-origin-when-cross-origin"),
        new("Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"),
        new("Cross-Origin-Opener-Policy", "same-origin"),
    ];

    /// <summary>
    /// The policy for pages whose inline scripts are these: no inline script but these, by their SHA-256, so
    /// that a theme change updates the policy with it instead of breaking it silently.
    /// </summary>
    public static string ContentSecurityPolicy(IEnumerable<string> inlineScripts)
    {
        var hashes = inlineScripts.Select(Hash).Distinct().Order(StringComparer.Ordinal);
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self' " + string.Join(' ', hashes.Select(h => $"'sha256-{h}'")),
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'");
    }

    public static string Hash(string script) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));

    /// <summary>The text of every script in the page that a browser would run inline (not JSON-LD, not external).</summary>
    public static IEnumerable<string> InlineScriptsOf(string html)
    {
        var at = 0;
        while ((at = html.IndexOf("<script", at, StringComparison.Ordinal)) >= 0)
        {
            var tagEnd = html.IndexOf('>', at);
            var close = html.IndexOf("</script>", at, StringComparison.Ordinal);
            if (tagEnd < 0 || close < tagEnd)
            {
                yield break;
            }

            var attributes = html.AsSpan(at, tagEnd - at);
            if (!attributes.Contains("src=", StringComparison.Ordinal) && !attributes.Contains("application/ld", StringComparison.Ordinal))
            {
                yield return html[(tagEnd + 1)..close];
            }

            at = close + "</script>".Length;
        }
    }
}
