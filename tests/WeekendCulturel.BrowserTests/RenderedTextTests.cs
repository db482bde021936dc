namespace WeekendCulturel.BrowserTests;

/// <summary>Text as Chromium lays it out: a space the HTML holds can still vanish between flex items.</summary>
[Collection(SiteCollection.Visitors)]
public sealed class RenderedTextTests(SiteUnderTest site)
{
    [Theory]
    [InlineData("/presse/", "Publié le mercredi 5 février 2025")]
    [InlineData("/en/press/", "Published on Wednesday 5 February 2025")]
    public async Task A_press_card_reads_published_on_then_the_date_with_a_space_between(string path, string expected)
    {
        await using var context = await site.ContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);

        var details = await page.Locator(".fr-card__detail").AllInnerTextsAsync();

        Assert.Contains(expected, details);
    }
}
