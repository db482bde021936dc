using System.Text.RegularExpressions;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>The words of the built pages as a reader sees them: dates, spaces between sentences, the footer.</summary>
public sealed partial class PageTextTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    [Fact]
    public void English_dates_start_days_and_months_with_a_capital_letter()
    {
        var lowercase = site.HtmlPages.Where(p => p.StartsWith("/en/", StringComparison.Ordinal))
            .SelectMany(p => LowercaseEnglishDate().Matches(site.Document(p).Body!.TextContent).Select(m => $"{p}: {m.Value}"))
            .ToList();

        Assert.True(lowercase.Count == 0, string.Join('\n', lowercase));
    }

    [Fact]
    public void A_sentence_ending_inside_a_paragraph_is_followed_by_a_space()
    {
        var glued = site.HtmlPages
            .SelectMany(p => site.Document(p).QuerySelectorAll("p, li, dd, td")
                .Where(e => e.QuerySelector("p, ul, ol, dl, div, table") is null) // one run of inline text, no blocks inside
                .SelectMany(e => GluedSentences().Matches(e.TextContent)).Select(m => $"{p}: …{m.Value}…"))
            .Distinct()
            .ToList();

        Assert.True(glued.Count == 0, string.Join('\n', glued));
    }

    [Fact]
    public void Every_footer_has_the_state_footer_contact_link()
    {
        var missing = site.HtmlPages
            .Where(p => !site.Document(p).QuerySelectorAll(".fr-footer__bottom-list a.fr-footer__bottom-link")
                .Any(a => a.TextContent.Trim() == "Contact" && MailTo().IsMatch(a.GetAttribute("href") ?? "")))
            .ToList();

        Assert.True(site.HtmlPages.Count() > 100);
        Assert.True(missing.Count == 0, "no Contact link in the footer of:\n" + string.Join('\n', missing));
    }

    [GeneratedRegex(@"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b\d{1,2}\s(?:january|february|march|april|may|june|july|august|september|october|november|december)\b")]
    private static partial Regex LowercaseEnglishDate();

    // A letter, the end of a sentence, and straight away the capital of the next one: "CNIL.En savoir plus".
    [GeneratedRegex(@"\w{0,12}\p{L}[.!?…]\p{Lu}\w{0,12}")]
    private static partial Regex GluedSentences();

    [GeneratedRegex(@"^mailto:[^@\s]+@[^@\s]+\.[a-z]+$")]
    private static partial Regex MailTo();
}
