using System.Text;
using Microsoft.AspNetCore.Http;

namespace WeekendCulturel.Generator.Serve;

/// <summary>
/// Serves the built HTML pages with the live-reload script added before <c>&lt;/body&gt;</c>. Only the
/// preview does this: the files on disk stay exactly what will be published.
/// </summary>
public sealed class ScriptInjectionMiddleware(RequestDelegate next, string siteRoot)
{
    private static readonly byte[] Tag = Encoding.UTF8.GetBytes($"<script src=\"{LiveReloadHub.ScriptPath}\"></script>\n");

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var file = HtmlFileFor(context.Request.Path);
        if (file is null)
        {
            await next(context);
            return;
        }

        var html = await File.ReadAllBytesAsync(file, context.RequestAborted);
        var marker = html.AsSpan().LastIndexOf("</body>"u8);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        if (marker < 0)
        {
            await context.Response.Body.WriteAsync(html, context.RequestAborted);
            return;
        }

        await context.Response.Body.WriteAsync(html.AsMemory(0, marker), context.RequestAborted);
        await context.Response.Body.WriteAsync(Tag, context.RequestAborted);
        await context.Response.Body.WriteAsync(html.AsMemory(marker), context.RequestAborted);
    }

    private string? HtmlFileFor(PathString path)
    {
        var value = path.Value ?? "/";
        if (value.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        var relative = value.EndsWith('/') ? value.TrimStart('/') + "index.html" : value.TrimStart('/');
        if (!relative.EndsWith(".html", StringComparison.Ordinal))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(siteRoot, relative));
        return full.StartsWith(siteRoot, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }
}
