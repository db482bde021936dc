using System.Text.Json;
using System.Text.Json.Nodes;
using WeekendCulturel.Generator.Writing;
using WeekendCulturel.Registration.Http;
using WeekendCulturel.Contract;

namespace WeekendCulturel.Generator.DataFiles;

/// <summary>
/// <c>staticwebapp.config.json</c>: the production headers of the static site (Azure Static Web Apps reads
/// this file; <c>serve</c> sends the same headers). The headers and the policy are <see cref="SecurityHeaders"/>,
/// which the registration API also sends with its own pages; the policy's script hashes are those of the
/// inline scripts of the built pages.
/// </summary>
public static class HostingConfigWriter
{
    public const string Path = "staticwebapp.config.json";

    /// <summary>Writes the configuration for the given inline scripts (see <see cref="Rendering.HtmlFacts"/>).</summary>
    public static OutputFile Write(IEnumerable<string> inlineScripts)
    {
        var headers = new JsonObject { ["Content-Security-Policy"] = SecurityHeaders.ContentSecurityPolicy(inlineScripts) };
        foreach (var (name, value) in SecurityHeaders.Fixed)
        {
            headers[name] = value;
        }

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
                    ["route"] = ApiPaths.Root + "/*",
                    ["headers"] = new JsonObject { ["Cache-Control"] = "no-store" },
                }),
            ["responseOverrides"] = new JsonObject
            {
                ["404"] = new JsonObject { ["rewrite"] = "/404.html", ["statusCode"] = 404 },
            },
            ["globalHeaders"] = headers,
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

    public static string Hash(string script) => SecurityHeaders.Hash(script);
}
