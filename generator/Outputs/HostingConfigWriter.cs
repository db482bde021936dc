using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WeekendCulturel.Generator.Output;

namespace WeekendCulturel.Generator.Outputs;

/// <summary>
/// <c>staticwebapp.config.json</c>: the production headers of the static site (Azure Static Web Apps reads
/// this file; <c>serve</c> sends the same headers). The Content-Security-Policy allows no inline script but
/// those the pages actually carry, by their SHA-256, computed here from the built pages: a theme change
/// updates the policy with it, instead of breaking it silently.
/// </summary>
public static class HostingConfigWriter
{
    public const string Path = "staticwebapp.config.json";

    /// <summary>Writes the configuration for the given inline scripts (see <see cref="Rendering.HtmlFacts"/>).</summary>
    public static OutputFile Write(IEnumerable<string> inlineScripts)
    {
        var hashes = inlineScripts.Select(Hash).Distinct().Order(StringComparer.Ordinal).ToList();
        var csp = string.Join("; ",
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
        var config = new JsonObject
        {
            ["trailingSlash"] = "auto",
            ["routes"] = new JsonArray(
                // French is at the root and English under /en/; guessed addresses land on the right home.
                new JsonObject { ["route"] = "/fr", ["redirect"] = "/", ["statusCode"] = 301 },
                new JsonObject { ["route"] = "/fr/*", ["redirect"] = "/", ["statusCode"] = 301 },
                new JsonObject { ["route"] = "/en", ["redirect"] = "/en/", ["statusCode"] = 301 },
                new JsonObject
                {
                    ["route"] = "/assets/*",
                    ["headers"] = new JsonObject { ["Cache-Control"] = "public, max-age=31536000, immutable" },
                },
                new JsonObject
                {
                    ["route"] = "/api/*",
                    ["headers"] = new JsonObject { ["Cache-Control"] = "no-store" },
                }),
            ["responseOverrides"] = new JsonObject
            {
                ["404"] = new JsonObject { ["rewrite"] = "/404.html", ["statusCode"] = 404 },
            },
            ["globalHeaders"] = new JsonObject
            {
                ["Content-Security-Policy"] = csp,
                ["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains",
                ["X-Content-Type-Options"] = "nosniff",
                ["Referrer-Policy"] = "strict-origin-when-cross-origin",
                ["Permissions-Policy"] = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
                ["Cross-Origin-Opener-Policy"] = "same-origin",
            },
            ["mimeTypes"] = new JsonObject
            {
                [".ics"] = "text/calendar; charset=utf-8",
                [".xml"] = "application/xml; charset=utf-8",
                [".json"] = "application/json; charset=utf-8",
                [".woff2"] = "font/woff2",
            },
        };
        return OutputFile.Text(Path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    public static string Hash(string script) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
}
