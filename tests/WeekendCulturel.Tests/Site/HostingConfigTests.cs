using System.Net;
using System.Text.Json;
using WeekendCulturel.Generator.Writing;
using WeekendCulturel.Generator.DataFiles;
using WeekendCulturel.Generator.Rendering;
using WeekendCulturel.Generator.Serve;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>The production headers: every inline script of every page is allowed by the policy's hashes, and serve sends them.</summary>
public sealed class HostingConfigTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    private JsonElement Config => JsonDocument.Parse(site.Read("/" + HostingConfigWriter.Path)).RootElement;

    [Fact]
    public void Every_inline_script_of_every_page_is_allowed_by_the_policy()
    {
        var csp = Config.GetProperty("globalHeaders").GetProperty("Content-Security-Policy").GetString()!;
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));

        var unlisted = new List<string>();
        var counted = 0;
        foreach (var page in site.HtmlPages)
        {
            foreach (var script in site.Document(page).QuerySelectorAll("script:not([src])").Where(s => s.GetAttribute("type") is null or "module" or "text/javascript"))
            {
                counted++;
                var hash = $"'sha256-{HostingConfigWriter.Hash(script.TextContent)}'";
                if (!scriptSrc.Contains(hash, StringComparison.Ordinal))
                {
                    unlisted.Add($"{page}: {hash}");
                }
            }
        }

        Assert.True(counted >= site.HtmlPages.Count());
        Assert.Empty(unlisted);
    }

    [Fact]
    public void The_policy_changes_when_a_script_changes()
    {
        static OutputFile ConfigFor(string html)
        {
            var facts = new HtmlFacts();
            facts.Scan(html);
            return HostingConfigWriter.Write(facts.InlineScripts);
        }

        var before = ConfigFor("<html><script>one()</script></html>");
        var after = ConfigFor("<html><script>two()</script></html>");
        // JSON-LD is data, not script; the renderer writes its type with '+' escaped.
        var withData = ConfigFor("<html><script>one()</script><script type=\"application/ld&#x2B;json\">{}</script><script type=\"application/ld+json\">[]</script><script src=\"/a.js\"></script></html>");

        Assert.NotEqual(before.Bytes, after.Bytes);
        Assert.Equal(before.Bytes, withData.Bytes);
    }

    [Fact]
    public void The_config_has_the_security_headers_the_cache_rule_and_the_404()
    {
        var headers = Config.GetProperty("globalHeaders");
        Assert.StartsWith("max-age=", headers.GetProperty("Strict-Transport-Security").GetString(), StringComparison.Ordinal);
        Assert.Equal("nosniff", headers.GetProperty("X-Content-Type-Options").GetString());
        Assert.False(string.IsNullOrEmpty(headers.GetProperty("Referrer-Policy").GetString()));
        Assert.Contains("camera=()", headers.GetProperty("Permissions-Policy").GetString(), StringComparison.Ordinal);
        var assets = Config.GetProperty("routes").EnumerateArray().Single(r => r.GetProperty("route").GetString() == "/assets/*");
        Assert.Contains("immutable", assets.GetProperty("headers").GetProperty("Cache-Control").GetString(), StringComparison.Ordinal);
        Assert.Equal("/404.html", Config.GetProperty("responseOverrides").GetProperty("404").GetProperty("rewrite").GetString());
    }

    [Fact]
    public async Task Serve_sends_the_same_headers()
    {
        var port = Generator.Registration.AzuriteServer.FreePort();
        await using var app = PreviewServer.CreateApp(site.Output, new LiveReloadHub(), port);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}") };

        var page = await http.GetAsync("/programme/");
        var css = site.Files("site.*.css").Single();
        var asset = await http.GetAsync(css);
        var missing = await http.GetAsync("/nulle-part/");

        var csp = Config.GetProperty("globalHeaders").GetProperty("Content-Security-Policy").GetString();
        Assert.Equal(csp, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("immutable", asset.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(csp, missing.Headers.GetValues("Content-Security-Policy").Single());
        await app.StopAsync();
    }
}
