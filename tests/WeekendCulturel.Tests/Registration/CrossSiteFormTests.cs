using System.Net;
using System.Net.Http.Json;
using System.Text;
using WeekendCulturel.Generator.Registration;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// A form on another website cannot post registrations or cancellations: a urlencoded post whose Origin (or,
/// without it, Referer) is not the site's own is refused with 403, as a page in the browser's language.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CrossSiteFormTests(AzuriteFixture azurite)
{
    private const string Site = "https://weekend.example.gouv.fr";

    private const string Registration = "sessions=rush&firstName=Camille&lastName=Martin&email=c%40example.org&acceptPrivacy=on&lang=fr";

    public static TheoryData<string, string> Forms => new()
    {
        { "/api/registrations", Registration },
        { "/api/newsletter", "email=c%40example.org&acceptPrivacy=on&lang=fr" },
        { "/api/registrations/{token}/cancel", "lang=fr" },
        { "/api/registrations/{token}/sessions/small/cancel", "lang=fr" },
    };

    private static async Task<(ApiServer Api, string Token, HttpClient Browser)> StartAsync(AzuriteServer azurite, string? site = null)
    {
        var api = await ApiServer.StartAsync(azurite, TestSessions.Standard, settings: new Dictionary<string, string?> { ["Registration:SiteUrl"] = site }); // null: no site configured
        var registered = await api.Client.PostAsJsonAsync("/api/registrations", ApiServer.Person(1, "small"));
        var token = (await ApiServer.JsonAsync(registered)).GetProperty("manageToken").GetString()!;
        return (api, token, new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.Client.BaseAddress });
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, string form, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return browser.SendAsync(request);
    }

    private static async Task AssertNothingChangedAsync(ApiServer api)
    {
        Assert.Equal(1, (await api.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
        Assert.Equal(0, (await api.Store.Seats.CountsAsync("rush"))!.Value.Confirmed);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_form_posted_from_another_site_is_refused(string route, string form)
    {
        var (api, token, browser) = await StartAsync(azurite.Server);
        await using var _ = api;
        using var __ = browser;

        var response = await PostFormAsync(browser, route.Replace("{token}", token, StringComparison.Ordinal), form, ("Origin", "https://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("lang=\"fr\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingChangedAsync(api);
    }

    [Fact]
    public async Task The_refusal_is_written_in_the_browser_language()
    {
        var (api, token, browser) = await StartAsync(azurite.Server);
        await using var _ = api;
        using var __ = browser;

        var response = await PostFormAsync(browser, $"/api/registrations/{token}/cancel", "lang=en", ("Origin", "https://evil.example"), ("Accept-Language", "en-GB,en;q=0.9"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("lang=\"en\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_origin_a_foreign_referer_is_refused_and_origin_null_too()
    {
        var (api, token, browser) = await StartAsync(azurite.Server);
        await using var _ = api;
        using var __ = browser;

        var referer = await PostFormAsync(browser, $"/api/registrations/{token}/cancel", "lang=fr", ("Referer", "https://evil.example/page.html"));
        var opaque = await PostFormAsync(browser, $"/api/registrations/{token}/cancel", "lang=fr", ("Origin", "null"));

        Assert.Equal(HttpStatusCode.Forbidden, referer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, opaque.StatusCode);
        await AssertNothingChangedAsync(api);
    }

    [Fact]
    public async Task Only_the_configured_site_origin_may_post_forms()
    {
        var (api, token, browser) = await StartAsync(azurite.Server, Site);
        await using var _ = api;
        using var __ = browser;

        var lookAlike = await PostFormAsync(browser, $"/api/registrations/{token}/cancel", "lang=fr", ("Origin", Site + ".evil.example"));
        var plainHttp = await PostFormAsync(browser, $"/api/registrations/{token}/cancel", "lang=fr", ("Origin", "http://weekend.example.gouv.fr"));
        var apiHost = await PostFormAsync(browser, $"/api/registrations/{token}/cancel", "lang=fr", ("Origin", browser.BaseAddress!.GetLeftPart(UriPartial.Authority)));
        Assert.Equal(HttpStatusCode.Forbidden, lookAlike.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, plainHttp.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, apiHost.StatusCode);
        await AssertNothingChangedAsync(api);

        var site = await PostFormAsync(browser, $"/api/registrations/{token}/cancel", "lang=fr", ("Origin", Site), ("Referer", "https://evil.example/"));
        Assert.Equal(HttpStatusCode.SeeOther, site.StatusCode);
        Assert.Equal(0, (await api.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
    }

    [Fact]
    public async Task Without_a_configured_site_the_api_own_origin_is_the_site()
    {
        var (api, token, browser) = await StartAsync(azurite.Server);
        await using var _ = api;
        using var __ = browser;

        var own = await PostFormAsync(browser, "/api/registrations", Registration, ("Referer", browser.BaseAddress!.GetLeftPart(UriPartial.Authority) + "/inscription/"));

        Assert.Equal(HttpStatusCode.SeeOther, own.StatusCode);
        Assert.Equal(1, (await api.Store.Seats.CountsAsync("rush"))!.Value.Confirmed);
    }

    [Fact]
    public async Task A_form_with_neither_origin_nor_referer_is_not_a_browser_and_goes_through()
    {
        var (api, token, browser) = await StartAsync(azurite.Server, Site);
        await using var _ = api;
        using var __ = browser;

        var response = await PostFormAsync(browser, $"/api/registrations/{token}/cancel", "lang=fr");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(0, (await api.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
    }
}
