using System.Net;
using System.Net.Sockets;
using WeekendCulturel.Generator.Serve;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>The preview host of <c>serve</c>, over real HTTP on a free local port.</summary>
public sealed class PreviewServerTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Serves_pages_with_the_reload_script_and_tells_tabs_to_reload()
    {
        var hub = new LiveReloadHub();
        var port = FreePort();
        await using var app = PreviewServer.CreateApp(site.Output, hub, port);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}") };

        var page = await http.GetStringAsync("/programme/");
        Assert.Contains($"<script src=\"{LiveReloadHub.ScriptPath}\"></script>\n</body>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(LiveReloadHub.ScriptPath, File.ReadAllText(site.FileOf("/programme/")!), StringComparison.Ordinal);

        var missing = await http.GetAsync("/en/nowhere/");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Page not found", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Contains("EventSource", await http.GetStringAsync(LiveReloadHub.ScriptPath), StringComparison.Ordinal);

        var calendar = await http.GetAsync("/agenda/atelier-compar-ia.ics");
        Assert.Equal("text/calendar", calendar.Content.Headers.ContentType!.MediaType);

        var events = await http.GetStreamAsync(LiveReloadHub.EventsPath);
        var reader = new StreamReader(events);
        Assert.Equal(": connected", await reader.ReadLineAsync());
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (hub.Clients == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        hub.Reload();
        string? line;
        do
        {
            line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        while (line is "");
        Assert.Equal("event: reload", line);
        reader.Dispose();
        await app.StopAsync();
    }

    [Fact]
    public async Task A_tab_opened_after_a_failed_build_is_shown_its_errors_until_a_build_succeeds()
    {
        var hub = new LiveReloadHub();
        var port = FreePort();
        await using var app = PreviewServer.CreateApp(site.Output, hub, port);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}") };

        hub.Failed(["content/sessions/atelier-compar-ia.md:12:1: error: YAML syntax"]);
        using (var late = await LiveEvents.OpenAsync(http))
        {
            var shown = await late.NextAsync(TimeSpan.FromSeconds(5));
            Assert.Equal("failed", shown?.Name);
            Assert.Contains("atelier-compar-ia.md:12:1", shown!.Value.Data, StringComparison.Ordinal);
        }

        // Built again: a tab opened then has nothing to show until the next change.
        hub.Reload(["programme/atelier-compar-ia/index.html"]);
        using (var later = await LiveEvents.OpenAsync(http))
        {
            await WaitForClientsAsync(hub, 1);
            hub.Reload();
            Assert.Equal("reload", (await later.NextAsync(TimeSpan.FromSeconds(5)))?.Name);
        }

        await app.StopAsync();
    }

    private static async Task WaitForClientsAsync(LiveReloadHub hub, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (hub.Clients < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}
