using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WeekendCulturel.Generator.DataFiles;

namespace WeekendCulturel.Generator.Serve;

/// <summary>
/// Sends the production headers of <c>staticwebapp.config.json</c> (security headers for every answer,
/// per-route headers such as the immutable caching of fingerprinted assets), so that the preview behaves
/// like the published site: a page that breaks the Content-Security-Policy breaks here first.
/// </summary>
public sealed class HostingHeadersMiddleware(RequestDelegate next, string siteRoot)
{
    private sealed record HostingConfig(DateTime Written, IReadOnlyDictionary<string, string> Global, IReadOnlyList<(string Prefix, IReadOnlyDictionary<string, string> Headers)> Routes);

    // Replaced whole when the file changes; requests read whichever copy is current.
    private volatile HostingConfig? _config;

    public Task InvokeAsync(HttpContext context)
    {
        var config = Load();
        if (config is { } c)
        {
            var path = context.Request.Path.Value ?? "/";
            context.Response.OnStarting(() =>
            {
                foreach (var (name, value) in c.Global)
                {
                    context.Response.Headers[name] = value;
                }

                foreach (var (prefix, headers) in c.Routes.Where(r => path.StartsWith(r.Prefix, StringComparison.Ordinal)))
                {
                    foreach (var (name, value) in headers)
                    {
                        context.Response.Headers[name] = value;
                    }
                }

                return Task.CompletedTask;
            });
        }

        return next(context);
    }

    private HostingConfig? Load()
    {
        var file = Path.Combine(siteRoot, HostingConfigWriter.Path);
        if (!File.Exists(file))
        {
            return null;
        }

        var written = File.GetLastWriteTimeUtc(file);
        var cached = _config;
        if (cached is null || cached.Written != written)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            var global = root.GetProperty("globalHeaders").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            var routes = root.GetProperty("routes").EnumerateArray()
                .Where(r => r.TryGetProperty("headers", out _))
                .Select(r => (Prefix: r.GetProperty("route").GetString()!.TrimEnd('*'), Headers: (IReadOnlyDictionary<string, string>)r.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)))
                .ToList();
            cached = new HostingConfig(written, global, routes);
            _config = cached;
        }

        return cached;
    }
}
