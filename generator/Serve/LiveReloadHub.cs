using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace WeekendCulturel.Generator.Serve;

/// <summary>
/// Tells open pages that the site was rebuilt (or failed to build), over server-sent events: one long
/// response per tab, no WebSocket and no client library. A failure is kept until a build succeeds, and told
/// to every tab that opens meanwhile: that tab shows the last good site, which is not the content any more.
/// </summary>
public sealed class LiveReloadHub
{
    public const string EventsPath = "/_live/events";
    public const string ScriptPath = "/_live/reload.js";

    private readonly Lock _gate = new();
    private readonly List<Channel<string>> _clients = [];
    private string? _failure;

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

    public void Reload() => Broadcast("event: reload\ndata: {}\n\n", failure: null);

    /// <summary>
    /// Reloads only the tabs showing one of these files (paths relative to the site, like <c>programme/index.html</c>).
    /// After a failure every tab is told, even with no page to reload: the others take their error panel down.
    /// </summary>
    public void Reload(IEnumerable<string> files)
    {
        var paths = files.Where(f => f.EndsWith(".html", StringComparison.Ordinal))
            .Select(f => "/" + (f.EndsWith("index.html", StringComparison.Ordinal) ? f[..^"index.html".Length] : f))
            .ToList();
        bool failed;
        lock (_gate)
        {
            failed = _failure is not null;
        }

        if (paths.Count > 0 || failed)
        {
            Broadcast($"event: reload\ndata: {JsonSerializer.Serialize(new { paths })}\n\n", failure: null);
        }
    }

    public void Failed(IEnumerable<string> problems)
    {
        var message = $"event: failed\ndata: {JsonSerializer.Serialize(problems)}\n\n";
        Broadcast(message, failure: message);
    }

    public async Task StreamAsync(HttpContext context)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var channel = Channel.CreateUnbounded<string>();
        lock (_gate)
        {
            _clients.Add(channel);
            if (_failure is not null)
            {
                channel.Writer.TryWrite(_failure);
            }
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

    private void Broadcast(string message, string? failure)
    {
        lock (_gate)
        {
            _failure = failure;
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
            document.getElementById('wc-live-errors')?.remove();
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
