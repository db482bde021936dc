using WeekendCulturel.Tests.Support;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Tests.Site;

/// <summary>
/// "Find my registrations": a form that works without JavaScript (it posts to the API, which answers with the
/// thanks page), in both languages, linked from where a visitor who lost their link looks.
/// </summary>
public sealed class FindRegistrationsPageTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    [Theory]
    [InlineData("fr", "/inscription/retrouver/")]
    [InlineData("en", "/en/registration/find/")]
    public void The_page_posts_the_address_its_language_and_the_robot_trap_to_the_recovery_route(string lang, string path)
    {
        var document = site.Document(path);
        var form = document.QuerySelector("main form")!;

        Assert.Equal(lang, document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/api/registrations/recover", form.GetAttribute("action"));
        var email = form.QuerySelector("input[name=email]")!;
        Assert.Equal("email", email.GetAttribute("type"));
        Assert.True(email.HasAttribute("required"));
        Assert.NotNull(document.QuerySelector($"label[for={email.Id}]"));
        Assert.Equal(lang, form.QuerySelector("input[type=hidden][name=lang]")!.GetAttribute("value"));
        var trap = form.QuerySelector("input[name=website]")!;
        Assert.Equal("-1", trap.GetAttribute("tabindex"));
        Assert.Equal("true", trap.Closest(".wc-trap")!.GetAttribute("aria-hidden"));
        Assert.NotNull(form.QuerySelector("button[type=submit]"));
        // The words the script shows in place are the page's.
        Assert.False(string.IsNullOrWhiteSpace(form.GetAttribute("data-sent")));
        Assert.False(string.IsNullOrWhiteSpace(form.GetAttribute("data-too-many")));
    }

    [Fact]
    public void The_two_languages_are_each_others_alternates()
    {
        var french = site.Document("/inscription/retrouver/").QuerySelector("link[rel=alternate][hreflang=en]")!.GetAttribute("href")!;
        var english = site.Document("/en/registration/find/").QuerySelector("link[rel=alternate][hreflang=fr]")!.GetAttribute("href")!;

        Assert.EndsWith("/en/registration/find/", french, StringComparison.Ordinal);
        Assert.EndsWith("/inscription/retrouver/", english, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void The_API_sends_a_form_post_to_a_thanks_page_the_site_has_and_search_engines_skip(string lang)
    {
        var path = site.Result.Registration!.Site.In(lang).FindRegistrationsThanks;
        var document = site.Document(path);

        Assert.Equal(lang, document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("noindex", document.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        Assert.Contains(lang == "fr" ? "Si cette adresse a des inscriptions" : "If this address has bookings", document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/inscription/", "/inscription/retrouver/")]
    [InlineData("/en/registration/", "/en/registration/find/")]
    [InlineData("/programme/atelier-compar-ia/", "/inscription/retrouver/")]
    [InlineData("/en/programme/atelier-compar-ia/", "/en/registration/find/")]
    [InlineData("/donnees-personnelles/", "/inscription/retrouver/")]
    public void A_visitor_who_lost_their_link_finds_the_page_from_where_they_booked(string from, string link)
    {
        var links = site.Document(from).QuerySelectorAll("main a[href]").Select(a => a.GetAttribute("href")).ToList();

        Assert.Contains(link, links);
    }

    [Theory]
    [InlineData("fr", "confirmer votre abonnement")]
    [InlineData("en", "confirm your subscription")]
    public void The_newsletter_thanks_page_asks_to_confirm_from_the_inbox(string lang, string words)
    {
        var main = site.Document(site.Result.Registration!.Site.In(lang).NewsletterThanks).QuerySelector("main")!.TextContent;

        Assert.Contains(words, main, StringComparison.Ordinal);
        Assert.Contains(words, site.Document(lang == "fr" ? "/" : "/en/").QuerySelector("form.wc-newsletter")!.GetAttribute("data-done"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifest_gives_the_API_the_theme_s_addresses_of_pages_the_site_has()
    {
        foreach (var lang in new[] { Lang.Fr, Lang.En })
        {
            var pages = site.Result.Registration!.Site.In(lang.Code());
            Assert.Equal(Routes.Home(lang), pages.Home);
            Assert.Equal(Routes.Registration(lang), pages.Registration);
            Assert.Equal(Routes.NewsletterThanks(lang), pages.NewsletterThanks);
            Assert.Equal(Routes.FindRegistrations(lang), pages.FindRegistrations);
            Assert.Equal(Routes.FindRegistrationsThanks(lang), pages.FindRegistrationsThanks);
            var (home, anchor) = (pages.NewsletterForm.Split('#')[0], pages.NewsletterForm.Split('#')[1]);
            Assert.NotNull(site.Document(home).GetElementById(anchor)?.QuerySelector("form.wc-newsletter"));
        }

        Assert.Equal(TestSessions.Site, site.Result.Registration!.Site);
    }
}
