using System.Text.RegularExpressions;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>The words of the built pages as a reader sees them: dates, spaces between sentences, the footer.</summary>
[Collection(BuiltSiteCollection.Name)]
public sealed partial class PageTextTests(BuiltSite site)
{
    [Fact]
    public void English_dates_start_days_and_months_with_a_capital_letter()
    {
        var lowercase = site.HtmlPages.Where(p => p.StartsWith("/en/", StringComparison.Ordinal))
            .SelectMany(p => LowercaseEnglishDate().Matches(site.Document(p).Body!.TextContent).Select(m => $"{p}: {m.Value}"))
            .ToList();

        Assert.True(lowercase.Count == 0, string.Join('\n', lowercase));
    }

    [GeneratedRegex(@"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b\d{1,2}\s(?:january|february|march|april|may|june|july|august|september|october|november|december)\b")]
    private static partial Regex LowercaseEnglishDate();
}
