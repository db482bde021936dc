using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Logging.Abstractions;
using WeekendCulturel.Registration.Mail;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// Every message, in French and English, rendered by the real templates: accessible HTML (language, title,
/// one main heading, presentational layout tables), a plain-text alternative that says the same with its
/// links in full, the masked address only, and French punctuation.
/// </summary>
public sealed class MailTemplateTests : IAsyncLifetime
{
    private MailRenderer _renderer = default!;

    public Task InitializeAsync()
    {
        _renderer = new MailRenderer(new Uri(MailSamples.Site), NullLoggerFactory.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _renderer.DisposeAsync();

    public static TheoryData<MessageKind, string> Every => MailSamples.Every;

    [Theory]
    [MemberData(nameof(Every))]
    public async Task Each_message_is_an_accessible_html_document(MessageKind kind, string lang)
    {
        var mail = await _renderer.RenderAsync(MailSamples.Content(kind, lang));
        var document = Parse(mail.Html);

        Assert.StartsWith("<!DOCTYPE html>", mail.Html, StringComparison.Ordinal);
        Assert.Equal(lang, document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(mail.Subject, document.Title);
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.False(string.IsNullOrWhiteSpace(document.QuerySelector("h1")!.TextContent));
        var tables = document.QuerySelectorAll("table");
        Assert.NotEmpty(tables);
        Assert.All(tables, t => Assert.Equal("presentation", t.GetAttribute("role")));

        // Headings go down one level at a time, from the one h1.
        var levels = document.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => h.LocalName[1] - '0').ToList();
        Assert.Equal(1, levels[0]);
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"h{pair.First} followed by h{pair.Second}"));

        // Marianne first, Arial behind it, on every styled text; the DSFR's blue France for the actions.
        Assert.All(document.QuerySelectorAll("p, h1, h2, a"), e => Assert.Contains("font-family:Marianne,Arial,sans-serif", e.Closest("[style*=font-family]")?.GetAttribute("style") ?? "", StringComparison.Ordinal));
        Assert.Contains("#000091", mail.Html, StringComparison.Ordinal);

        // Fluid up to 600 px: the card never asks for more.
        var card = document.QuerySelector(".wc-card")!;
        Assert.Contains("max-width:600px", card.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("width:100%", card.GetAttribute("style"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Every))]
    public async Task Each_message_shows_the_masked_address_at_most_and_never_the_whole_one(MessageKind kind, string lang)
    {
        var content = MailSamples.Content(kind, lang);
        var mail = await _renderer.RenderAsync(content);
        var body = Parse(mail.Html).Body!.TextContent;

        foreach (var text in new[] { mail.Html, mail.Text, mail.Subject })
        {
            Assert.DoesNotContain(MailSamples.To, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("camille.martin", text, StringComparison.OrdinalIgnoreCase);
        }

        // Every address written in the message is the masked one: nobody else's, not even the sender's.
        foreach (var text in new[] { body, Regex.Replace(mail.Text, @"https?://\S+", "") })
        {
            Assert.All(Regex.Matches(text, @"[^\s()]+@[\w.-]*\w").Select(m => m.Value), address => Assert.Equal(MailSamples.Masked, address));
        }

        Assert.Contains(MailSamples.Masked, body, StringComparison.Ordinal);
        Assert.Contains(MailSamples.Masked, mail.Text, StringComparison.Ordinal);
        if (content.FirstName.Length > 0)
        {
            Assert.Contains(content.FirstName, body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Every))]
    public async Task Each_message_gives_its_links_in_the_html_and_in_full_in_the_text_and_no_other(MessageKind kind, string lang)
    {
        var content = MailSamples.Content(kind, lang);
        var mail = await _renderer.RenderAsync(content);
        var hrefs = Parse(mail.Html).QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToHashSet(StringComparer.Ordinal);
        var personalData = MailSamples.Site + content.PersonalDataPage;
        var given = MailSamples.LinksOf(content);

        Assert.DoesNotContain(personalData, given);
        Assert.NotEmpty(given);
        Assert.All(given, link => Assert.Contains(link, hrefs));
        Assert.All(given, link => Assert.Matches(@"(^|\s)" + Regex.Escape(link) + @"(\s|$)", mail.Text));
        Assert.Contains(personalData, hrefs);
        Assert.Contains(personalData, mail.Text, StringComparison.Ordinal);
        Assert.Equal(hrefs.Order(StringComparer.Ordinal), given.Append(personalData).Distinct().Order(StringComparer.Ordinal));

        // The text carries no other address than those links, each whole on its line.
        var textLinks = Regex.Matches(mail.Text, @"https?://\S+").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(hrefs.Order(StringComparer.Ordinal), textLinks.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Every))]
    public async Task The_text_alternative_says_what_the_html_says_without_markup(MessageKind kind, string lang)
    {
        var content = MailSamples.Content(kind, lang);
        var mail = await _renderer.RenderAsync(content);
        var document = Parse(mail.Html);

        Assert.DoesNotMatch(@"<[a-zA-Z/!]", mail.Text);
        Assert.DoesNotContain("&amp;", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("&#", mail.Text, StringComparison.Ordinal);

        // Every paragraph and heading of the HTML's body reads the same in the text.
        var flat = Regex.Replace(mail.Text, @"\s+", " ");
        foreach (var element in document.QuerySelectorAll("h1, h2, p, li").Where(e => e.Closest("[aria-hidden=true]") is null))
        {
            foreach (var line in element.InnerHtml.Split("<br>"))
            {
                var said = Regex.Replace(new HtmlParser().ParseFragment(line, element).Select(n => n.TextContent).Aggregate("", string.Concat), @"\s+", " ").Trim();
                if (said.Length == 0 || said.Contains('·'))
                {
                    continue;
                }

                Assert.Contains(said, flat, StringComparison.OrdinalIgnoreCase);
            }
        }

        foreach (var session in content.Sessions)
        {
            Assert.Contains(session.Title, mail.Text, StringComparison.Ordinal);
            Assert.Contains(session.Title, document.Body!.TextContent, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("fr")]
    public async Task French_messages_keep_french_punctuation(string lang)
    {
        foreach (var kind in MailSamples.Kinds)
        {
            var mail = await _renderer.RenderAsync(MailSamples.Content(kind, lang));
            var document = Parse(mail.Html);
            var texts = Descendants(document.DocumentElement).OfType<IText>().Where(t => t.ParentElement?.LocalName is not ("style" or "script")).Select(t => t.Data)
                .Append(mail.Subject)
                .Concat(mail.Text.Split('\n'));
            foreach (var text in texts)
            {
                // As the site prints it: a no-break space before the colon, a narrow one before ; ? and !.
                Assert.DoesNotMatch(@"[ \t\u202f]:", text);
                Assert.DoesNotMatch(@"[ \t\u00a0][;?!]", text);
                Assert.DoesNotMatch(@"«[ \t]|[ \t]»", text);
                Assert.DoesNotMatch(@"\p{L}'\p{L}", text);
            }
        }
    }

    [Fact]
    public async Task Subjects_are_short_specific_and_differ_between_languages()
    {
        var subjects = new List<string>();
        foreach (var kind in MailSamples.Kinds)
        {
            var fr = (await _renderer.RenderAsync(MailSamples.Content(kind, "fr"))).Subject;
            var en = (await _renderer.RenderAsync(MailSamples.Content(kind, "en"))).Subject;

            Assert.False(string.IsNullOrWhiteSpace(fr));
            Assert.False(string.IsNullOrWhiteSpace(en));
            Assert.NotEqual(fr, en);
            Assert.All(new[] { fr, en }, s => Assert.True(s.Length <= 78 && !s.Contains('\n') && !s.StartsWith('[') && s == s.Trim(), $"'{s}'"));
            subjects.Add(fr);
            subjects.Add(en);
        }

        // One subject per kind: a reader tells them apart in a list of messages.
        Assert.Equal(subjects.Count, subjects.Distinct().Count());
    }

    [Fact]
    public async Task Dates_are_written_in_paris_time_the_way_each_language_writes_them()
    {
        var fr = await _renderer.RenderAsync(MailSamples.Content(MessageKind.ConfirmRequest, "fr"));
        var en = await _renderer.RenderAsync(MailSamples.Content(MessageKind.ConfirmRequest, "en"));
        var reminder = await _renderer.RenderAsync(MailSamples.Content(MessageKind.Reminder, "fr"));

        // 09:30 UTC is 10:30 in Paris in winter, whatever the server's own zone.
        Assert.Contains("samedi 1er février 2025 à 10\u00a0h\u00a030", fr.Text, StringComparison.Ordinal);
        Assert.Contains("samedi 8 février 2025, 10\u00a0h\u00a030 – 11\u00a0h\u00a030", fr.Text, StringComparison.Ordinal);
        Assert.Contains("Saturday 1 February 2025 at 10:30", en.Text, StringComparison.Ordinal);
        Assert.Contains("Saturday 8 February 2025, 10:30–11:30", en.Text, StringComparison.Ordinal);
        Assert.Equal("Rappel\u00a0: votre séance du samedi 8 février à 10\u00a0h\u00a030", reminder.Subject);
        Assert.Equal("samedi 8 février 2025 à 14\u00a0h", MailDates.Moment(DateTimeOffset.Parse("2025-02-08T13:00:00Z"), "fr"));
        Assert.Equal("Sunday 30 March 2025 at 03:00", MailDates.Moment(DateTimeOffset.Parse("2025-03-30T01:00:00Z"), "en"));
    }

    [Fact]
    public async Task Each_kind_says_what_it_is_for()
    {
        async Task<RenderedMail> Render(MessageKind kind, string lang = "fr") => await _renderer.RenderAsync(MailSamples.Content(kind, lang));

        var request = await Render(MessageKind.ConfirmRequest);
        Assert.Contains("Liste d’attente, position 3", request.Text, StringComparison.Ordinal);
        Assert.Contains("Place gardée pour vous jusqu’au samedi 1er février 2025 à 10\u00a0h\u00a030", request.Text, StringComparison.Ordinal);
        Assert.Equal("Confirmer mon inscription", Parse(request.Html).QuerySelector(".wc-button")!.TextContent);

        Assert.Contains("Waiting list, position 2", (await Render(MessageKind.Waitlisted, "en")).Text, StringComparison.Ordinal);
        Assert.Contains("held for you until Saturday 8 February 2025 at 22:00", (await Render(MessageKind.Offer, "en")).Text, StringComparison.Ordinal);
        Assert.Equal("Confirm my place", Parse((await Render(MessageKind.Offer, "en")).Html).QuerySelector(".wc-button")!.TextContent);
        Assert.Equal("Confirmer mon abonnement", Parse((await Render(MessageKind.NewsletterConfirm)).Html).QuerySelector(".wc-button")!.TextContent);
        Assert.Contains("Bonjour,", (await Render(MessageKind.NewsletterConfirm)).Text, StringComparison.Ordinal);

        // A calendar is said to be attached only when one is.
        Assert.Contains(".ics", (await Render(MessageKind.Confirmed)).Text, StringComparison.Ordinal);
        Assert.Contains(".ics", (await Render(MessageKind.Reminder, "en")).Text, StringComparison.Ordinal);
        var withoutCalendar = MailSamples.Content(MessageKind.Confirmed, "fr") is var c ? c with { Sessions = [.. c.Sessions.Select(s => s with { Calendar = null })] } : null;
        Assert.DoesNotContain(".ics", (await _renderer.RenderAsync(withoutCalendar!)).Text, StringComparison.Ordinal);

        // Only the messages that ask for an action have a button.
        var buttons = new List<MessageKind>();
        foreach (var kind in MailSamples.Kinds)
        {
            if (Parse((await Render(kind)).Html).QuerySelector(".wc-button") is not null)
            {
                buttons.Add(kind);
            }
        }

        Assert.Equal([MessageKind.ConfirmRequest, MessageKind.Offer, MessageKind.NewsletterConfirm], buttons);
    }

    [Fact]
    public async Task One_renderer_serves_many_threads_and_many_messages()
    {
        var contents = Enumerable.Range(0, 600).Select(i => MailSamples.Content(MailSamples.Kinds.ElementAt(i % 11), i % 2 == 0 ? "fr" : "en") with { FirstName = $"Personne{i}" }).ToList();

        var rendered = await Task.WhenAll(contents.Select(c => Task.Run(() => _renderer.RenderAsync(c))));

        for (var i = 0; i < contents.Count; i++)
        {
            // Each message is its own person's: nothing of another render leaks into it.
            Assert.Contains($"Personne{i},", rendered[i].Html, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(rendered[i].Html, @"Personne\d+").Select(m => m.Value).Distinct());
            Assert.Equal(contents[i].Lang, Parse(rendered[i].Html).DocumentElement.GetAttribute("lang"));
        }
    }

    [Fact]
    public async Task The_footer_links_the_personal_data_page_of_a_site_served_under_a_path()
    {
        await using var renderer = new MailRenderer(new Uri("https://example.org/evenement"), NullLoggerFactory.Instance);

        var mail = await renderer.RenderAsync(MailSamples.Content(MessageKind.Cancelled, "en"));

        Assert.Contains("https://example.org/evenement/en/personal-data/", Parse(mail.Html).QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Throws<ArgumentException>(() => new MailRenderer(new Uri("/relative", UriKind.Relative), NullLoggerFactory.Instance));
    }

    private static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static IEnumerable<INode> Descendants(INode node) => node.ChildNodes.SelectMany(child => Descendants(child).Prepend(child));
}
