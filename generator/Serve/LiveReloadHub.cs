using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace WeekendCulturel.Generator.Serve;

/// <summary>
/// Tells open pages that the site was rebuilt (or failed to build), over server-sent events: one long
/// response per tab, no WebSocket and no client library.
/// </summary>
public sealed class LiveReloadHub
{
    public const string EventsPath = "/_live/events";
    public const string ScriptPath = "/_live/reload.js";

    private readonly Lock _gate = new();
    private readonly List<Channel<string>> _clients = [];

    public int Clients
    {
        get
        {
            lock (_gate)
            {
                return _clients.Count;
            }
        }
    }

    public void Reload() => Broadcast("event: reload\ndata: {}\n\n");

    /// <summary>Reloads only the tabs showing one of these files (paths relative to the site, like <c>programme/index.html</c>).</summary>
    public void Reload(IEnumerable<string> files)
    {
        var paths = files.Where(f => f.EndsWith(".html", StringComparison.Ordinal))
            .Select(f => "/" + (f.EndsWith("index.html", StringComparison.Ordinal) ? f[..^"index.html".Length] : f))
            .ToList();
        if (paths.Count > 0)
        {
            Broadcast($"event: reload\ndata: {JsonSerializer.Serialize(new { paths })}\n\n");
        }
    }

    public void Failed(IEnumerable<string> problems) =>
        Broadcast($"event: failed\ndata: {JsonSerializer.Serialize(problems)}\n\n");

    public async Task StreamAsync(HttpContext context)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var channel = Channel.CreateUnbounded<string>();
        lock (_gate)
        {
            _clients.Add(channel);
        }

        try
        {
            await context.Response.WriteAsync(": connected\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await foreach (var message in channel.Reader.ReadAllAsync(context.RequestAborted))
            {
                await context.Response.WriteAsync(message, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The tab was closed or reloaded.
        }
        finally
        {
            lock (_gate)
            {
                _clients.Remove(channel);
            }
        }
    }

    private void Broadcast(string message)
    {
        lock (_gate)
        {
            foreach (var client in _clients)
            {
                client.Writer.TryWrite(message);
            }
        }
    }

    /// <summary>The script injected into every served page: reload on success, show the errors on failure.</summary>
    public const string Script = """
        (() => {
          const source = new EventSource('/_live/events');
          source.addEventListener('reload', (event) => {
            const paths = JSON.parse(event.data).paths;
            if (!paths || paths.includes(location.pathname)) location.reload();
          });
          source.addEventListener('failed', (event) => {
            let panel = document.getElementById('wc-live-errors');
            if (!panel) {
              panel = document.createElement('pre');
              panel.id = 'wc-live-errors';
              panel.setAttribute('role', 'alert');
              panel.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;padding:1rem;background:#ce0500;color:#fff;z-index:10000;white-space:pre-wrap;font-size:.875rem';
              document.body.append(panel);
            }
            panel.textContent = JSON.parse(event.data).join('\n');
          });
        })();
        """;
}
