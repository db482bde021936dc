using System.Net;
using AngleSharp.Html.Parser;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>The links the API writes into its pages come from the configured site address and the site's own paths, never from request headers.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SiteLinkTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_private_link_is_built_from_the_site_address_not_the_host_header()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var token = (await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(1, "small")))).GetProperty("manageToken").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/registrations/{token}/page?lang=fr");
        request.Headers.Host = "evil.example";

        var response = await api.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var link = new HtmlParser().ParseDocument(html).QuerySelector(".wc-manage-link")!;
        Assert.Equal($"{ApiServer.SiteUrl}api/registrations/{token}/page?lang=fr", link.GetAttribute("href"));
        Assert.Equal(link.GetAttribute("href"), link.TextContent);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_the_API_sends_browsers_to_are_those_the_last_sync_stored()
    {
        var elsewhere = new SitePages("/ailleurs/", "/ailleurs/inscription/", "/ailleurs/#lettre", "/ailleurs/lettre/merci/", "/ailleurs/retrouver/", "/ailleurs/retrouver/merci/", "/ailleurs/donnees/");
        var manifest = new RegistrationManifest(new DateOnly(2025, 2, 9), TestSessions.Standard, TestSessions.Site with { Fr = elsewhere });
        await using var api = await ApiServer.StartAsync(azurite.Server, manifest);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.Client.BaseAddress };

        var newsletter = await browser.PostAsync("/api/newsletter", new FormUrlEncodedContent([new("email", "camille@example.org"), new("acceptPrivacy", "true"), new("lang", "fr")]));
        var recovery = await browser.PostAsync("/api/registrations/recover", new FormUrlEncodedContent([new("email", "camille@example.org"), new("lang", "en")]));
        var unknown = await browser.GetAsync("/api/registrations/Xy7kQp2mVr9sLt4wZb6nHc1dJf8gKa3eXy7kQp2mVr9/page?lang=fr");

        Assert.Equal("/ailleurs/lettre/merci/", newsletter.Headers.Location?.ToString());
        Assert.Equal(TestSessions.Site.En.FindRegistrationsThanks, recovery.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("/ailleurs/inscription/", new HtmlParser().ParseDocument(await unknown.Content.ReadAsStringAsync()).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task The_way_back_from_an_error_page_is_the_sites_own_form_not_the_referer()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard, rateLimit: 1);
        HttpRequestMessage Post() => new(HttpMethod.Post, "/api/registrations")
        {
            Content = new FormUrlEncodedContent([new("sessions", "small"), new("lang", "fr")]),
            Headers = { Host = "evil.example", Referrer = new Uri("http://evil.example//evil.example/phishing?x=1") },
        };
        await api.Client.SendAsync(Post());

        // Over the limit: the page can only point back to the form.
        var response = await api.Client.SendAsync(Post());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var links = new HtmlParser().ParseDocument(html).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains("/inscription/", links);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("phishing", html, StringComparison.Ordinal);
    }
}
