using System.Text.Json;
using System.Xml.Linq;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>JSON-LD, sitemap, schedule and manifest, parsed and checked.</summary>
public sealed class StructuredDataTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    private static JsonElement JsonLd(BuiltSite site, string page)
    {
        var script = site.Document(page).QuerySelector("script[type='application/ld+json']");
        Assert.NotNull(script);
        return JsonDocument.Parse(script.TextContent).RootElement;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/en/")]
    public void The_home_page_describes_the_weekend_without_listing_the_programme(string page)
    {
        var root = JsonLd(site, page);

        Assert.Equal("https://schema.org", root.GetProperty("@context").GetString());
        Assert.Equal("Event", root.GetProperty("@type").GetString());
        Assert.Equal("2025-02-08T10:00:00+01:00", root.GetProperty("startDate").GetString());
        Assert.False(root.TryGetProperty("subEvent", out _));
        var locations = root.GetProperty("location").EnumerateArray().ToList();
        Assert.Equal(2, locations.Count);
        Assert.All(locations, l => Assert.Equal("PostalAddress", l.GetProperty("address").GetProperty("@type").GetString()));
        Assert.Equal(0, root.GetProperty("offers").GetProperty("price").GetInt32());
    }

    [Fact]
    public void Every_session_page_describes_its_event()
    {
        var pages = site.HtmlPages.Where(p => p.StartsWith("/programme/", StringComparison.Ordinal) || p.StartsWith("/en/programme/", StringComparison.Ordinal))
            .Where(p => p.Count(c => c == '/') > (p.StartsWith("/en/", StringComparison.Ordinal) ? 3 : 2)).ToList();
        Assert.Equal(site.Result.Content!.Sessions.Count * 2, pages.Count);
        foreach (var page in pages)
        {
            var root = JsonLd(site, page);
            Assert.Equal("Event", root.GetProperty("@type").GetString());
            Assert.EndsWith(page.Replace("index.html", "", StringComparison.Ordinal), root.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.Equal("PostalAddress", root.GetProperty("location").GetProperty("address").GetProperty("@type").GetString());
            Assert.False(string.IsNullOrEmpty(root.GetProperty("location").GetProperty("address").GetProperty("postalCode").GetString()));
            var offers = root.GetProperty("offers");
            Assert.Equal(0, offers.GetProperty("price").GetInt32());
            Assert.StartsWith("https://schema.org/", offers.GetProperty("availability").GetString(), StringComparison.Ordinal);
            Assert.Equal("Event", root.GetProperty("superEvent").GetProperty("@type").GetString());
            Assert.Equal(page.StartsWith("/en/", StringComparison.Ordinal) ? "https://weekend-culturel-ia.culture.gouv.fr/en/" : "https://weekend-culturel-ia.culture.gouv.fr/", root.GetProperty("superEvent").GetProperty("url").GetString());
            Assert.True(DateTimeOffset.Parse(root.GetProperty("endDate").GetString()!) > DateTimeOffset.Parse(root.GetProperty("startDate").GetString()!));
        }
    }

    [Fact]
    public void The_sitemap_lists_every_indexable_page_with_reciprocal_alternates()
    {
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        XNamespace xhtml = "http://www.w3.org/1999/xhtml";
        var document = XDocument.Parse(site.Read("/sitemap.xml"));
        var urls = document.Root!.Elements(sm + "url").ToList();
        var locations = urls.Select(u => u.Element(sm + "loc")!.Value).ToHashSet();

        var indexable = site.HtmlPages.Where(p => site.Document(p).QuerySelector("meta[name=robots][content=noindex]") is null).ToList();
        Assert.Equal(indexable.Count, urls.Count);
        foreach (var url in urls)
        {
            var location = url.Element(sm + "loc")!.Value;
            Assert.NotNull(site.FileOf(new Uri(location).AbsolutePath));
            foreach (var alternate in url.Elements(xhtml + "link"))
            {
                Assert.Contains(alternate.Attribute("href")!.Value, locations);
            }
        }

        Assert.Contains("Sitemap: https://", site.Read("/robots.txt"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_schedule_has_the_frab_shape()
    {
        var root = JsonDocument.Parse(site.Read("/schedule.json")).RootElement.GetProperty("schedule");
        var conference = root.GetProperty("conference");
        Assert.Equal("Europe/Paris", conference.GetProperty("time_zone_name").GetString());
        var days = conference.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(2, days.Count);
        var events = days.SelectMany(d => d.GetProperty("rooms").EnumerateObject().SelectMany(r => r.Value.EnumerateArray())).ToList();
        Assert.Equal(site.Result.Content!.Sessions.Count, events.Count);
        Assert.All(events, e =>
        {
            Assert.Matches("^[0-9]{2}:[0-9]{2}$", e.GetProperty("start").GetString());
            Assert.Matches("^[0-9]{2}:[0-9]{2}$", e.GetProperty("duration").GetString());
            Assert.True(Guid.TryParse(e.GetProperty("guid").GetString(), out _));
        });
        Assert.Equal(events.Count, events.Select(e => e.GetProperty("guid").GetString()).Distinct().Count());
    }

    [Fact]
    public void The_registration_manifest_lists_sessions_with_seats_and_windows()
    {
        var root = JsonDocument.Parse(site.Read("/registration-manifest.json")).RootElement;
        var sessions = root.GetProperty("sessions").EnumerateArray().ToList();
        var expected = site.Result.Content!.Sessions.Where(s => s.Registration is not null).ToList();
        Assert.Equal(expected.Count, sessions.Count);
        var compar = sessions.Single(s => s.GetProperty("id").GetString() == "atelier-compar-ia");
        Assert.Equal(24, compar.GetProperty("capacity").GetInt32());
        Assert.True(compar.GetProperty("waitlist").GetBoolean());
        Assert.Equal("2025-01-20T10:00:00+01:00", compar.GetProperty("opens").GetString());
        Assert.Equal("2025-02-08T10:30:00+01:00", compar.GetProperty("closes").GetString());
        Assert.DoesNotContain(sessions, s => s.GetProperty("id").GetString() == "studio-rfi");
    }

    [Fact]
    public void The_press_feeds_are_atom_documents()
    {
        XNamespace atom = "http://www.w3.org/2005/Atom";
        foreach (var feed in new[] { "/presse/flux.xml", "/en/press/feed.xml" })
        {
            var document = XDocument.Parse(site.Read(feed));
            Assert.Equal(atom + "feed", document.Root!.Name);
            var entries = document.Root.Elements(atom + "entry").ToList();
            Assert.Equal(site.Result.Content!.Press.Count, entries.Count);
            Assert.All(entries, e => Assert.True(DateTimeOffset.TryParse(e.Element(atom + "updated")!.Value, out _)));
        }
    }
}
