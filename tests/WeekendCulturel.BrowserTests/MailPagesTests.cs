using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Playwright;

namespace WeekendCulturel.BrowserTests;

/// <summary>
/// The pages the e-mails' links open and the pages their buttons answer with, in French and in English: no
/// error from the Nu HTML Checker, no WCAG 2.1 A or AA violation from axe in light (both languages) and dark
/// (French: a display changes the styles, not the words). They are reached as a person would (the links read in
/// the mail catcher), over HTTP, and each page as served is checked. In the collection of the other run-time
/// pages' checks, which has room beside the journeys'.
/// </summary>
[Collection(SiteCollection.EveryDisplay)]
public sealed class MailPagesTests(SiteUnderTest site)
{
    [Fact]
    public async Task The_pages_the_emails_open_and_what_their_buttons_answer_are_valid_and_pass_axe()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(site.BaseUrl) };
        var pages = new List<(string Name, string Html)>();
        async Task<string> KeepAsync(string name, HttpResponseMessage response, HttpStatusCode expected)
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{name}: {(int)response.StatusCode}, not {(int)expected}");
            Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            pages.Add((name, html));
            return html;
        }

        foreach (var lang in new[] { "fr", "en" })
        {
            const string session = "projection-documentaires-ia-culture";
            var email = MailJourneyTests.Address($"pages-{lang}", false);
            var registered = await http.PostAsync("/api/registrations", new FormUrlEncodedContent([new("sessions", session), new("firstName", "Page"), new("lastName", "Courriel"), new("email", email), new("lang", lang), new("acceptPrivacy", "true")]));
            Assert.Equal(HttpStatusCode.SeeOther, registered.StatusCode);
            var bookingPage = registered.Headers.Location!.OriginalString;
            var held = await KeepAsync($"booking-held-{lang}", await http.GetAsync(bookingPage), HttpStatusCode.OK);
            Assert.Contains("data-status=\"held\"", held, StringComparison.Ordinal);

            var asked = await site.Inbox.WaitForAsync(email);
            var confirmLink = new Uri(Assert.Single(asked.Links, l => l.Contains("/confirm?code=", StringComparison.Ordinal))).PathAndQuery;
            var confirm = await KeepAsync($"confirm-{lang}", await http.GetAsync(confirmLink), HttpStatusCode.OK);
            var token = bookingPage.Split('/')[3];
            await KeepAsync($"confirm-wrong-code-{lang}", await http.PostAsync($"/api/registrations/{token}/confirm", new FormUrlEncodedContent([new("code", "AAAAAAAAAAAAAAAA"), new("lang", lang)])), HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.SeeOther, (await PressAsync(http, confirm)).StatusCode);
            await KeepAsync($"confirm-nothing-left-{lang}", await http.GetAsync(confirmLink), HttpStatusCode.OK);

            var giveBackLink = $"/api/registrations/{token}/sessions/{session}/give-back?lang={lang}";
            var giveBack = await KeepAsync($"give-back-{lang}", await http.GetAsync(giveBackLink), HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.SeeOther, (await PressAsync(http, giveBack)).StatusCode);
            await KeepAsync($"give-back-done-{lang}", await http.GetAsync(giveBackLink), HttpStatusCode.OK);

            var subscribed = await http.PostAsync("/api/newsletter", new FormUrlEncodedContent([new("email", email), new("lang", lang), new("acceptPrivacy", "true")]));
            Assert.Equal(HttpStatusCode.SeeOther, subscribed.StatusCode);
            var letter = await site.Inbox.WaitForAsync(email, m => m.Links.Any(l => l.Contains("/api/newsletter/confirm?", StringComparison.Ordinal)));
            var confirmLetter = new Uri(Assert.Single(letter.Links, l => l.Contains("/api/newsletter/confirm?", StringComparison.Ordinal))).PathAndQuery;
            var unsubscribe = new Uri(Assert.Single(letter.Links, l => l.Contains("/api/newsletter/unsubscribe?", StringComparison.Ordinal))).PathAndQuery;
            var letterPage = await KeepAsync($"newsletter-confirm-{lang}", await http.GetAsync(confirmLetter), HttpStatusCode.OK);
            await KeepAsync($"newsletter-confirmed-{lang}", await PressAsync(http, letterPage), HttpStatusCode.OK);
            var leavePage = await KeepAsync($"newsletter-unsubscribe-{lang}", await http.GetAsync(unsubscribe), HttpStatusCode.OK);
            await KeepAsync($"newsletter-unsubscribed-{lang}", await PressAsync(http, leavePage), HttpStatusCode.OK);
            await KeepAsync($"newsletter-link-unknown-{lang}", await PressAsync(http, letterPage), HttpStatusCode.NotFound);
        }

        var folder = Path.Combine(Path.GetTempPath(), "wc-mail-pages", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var (name, html) in pages)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, name + ".html"), html);
            }

            // Java checks the markup while the browser runs axe.
            var markup = NuChecker.ErrorsAsync([folder], file => Path.GetFileName(file));
            var problems = new List<string>();
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await using var context = await site.ContextAsync(scheme: scheme);
                await AxeChecker.PrepareAsync(context);
                var page = await context.NewPageAsync();

                // Each page as it was served, at an address of the site, so that its styles and scripts load.
                var current = "";
                await page.RouteAsync("**/api/mail-page", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = current }));
                foreach (var (name, html) in pages.Where(p => scheme == ColorScheme.Light || p.Name.EndsWith("-fr", StringComparison.Ordinal)))
                {
                    current = html;
                    await page.GotoAsync("/api/mail-page");
                    if (scheme == ColorScheme.Dark)
                    {
                        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-fr-theme", "dark");
                    }

                    problems.AddRange(await AxeChecker.ViolationsAsync(page, $"{name} ({scheme})"));
                }
            }

            problems.AddRange(await markup);
            Assert.True(problems.Count == 0, string.Join('\n', problems));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Presses the button of the page's form, as a browser without JavaScript would: its answer, not where it leads.</summary>
    private static async Task<HttpResponseMessage> PressAsync(HttpClient http, string html)
    {
        var form = new HtmlParser().ParseDocument(html).QuerySelector("main form[method=post]") ?? throw new InvalidOperationException("the page has no form");
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""));
        return await http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }
}
