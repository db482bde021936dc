using WeekendCulturel.Generator.Rendering;

namespace WeekendCulturel.Tests.Rendering;

public sealed class FrenchTypographyTests
{
    [Theory]
    [InlineData("Programme : samedi", "Programme\u00a0: samedi")]
    [InlineData("Vraiment ? Oui ! Bien ; alors", "Vraiment\u202f? Oui\u202f! Bien\u202f; alors")]
    [InlineData("« Machina sapiens »", "«\u00a0Machina sapiens\u00a0»")]
    [InlineData("«Machina sapiens»", "«\u00a0Machina sapiens\u00a0»")]
    [InlineData("Le Week-end culturel de l'IA", "Le Week-end culturel de l’IA")]
    [InlineData("https://www.culture.gouv.fr", "https://www.culture.gouv.fr")]
    [InlineData("10:30", "10:30")]
    [InlineData("Déjà\u00a0: rien", "Déjà\u00a0: rien")]
    public void Puts_the_french_spaces_and_apostrophes(string typed, string printed) =>
        Assert.Equal(printed, FrenchTypography.Apply(typed));

    [Fact]
    public void Markdown_bodies_are_typeset_in_french_but_not_in_english()
    {
        var renderer = new MarkdownRenderer();

        var fr = renderer.Render("Un « atelier » : voir [le programme](/programme/) !", "x.md", 1, Theme.Model.Lang.Fr);
        var en = renderer.Render("A \"workshop\": see [the programme](/en/programme/)!", "x.en.md", 1, Theme.Model.Lang.En);

        Assert.Contains("«\u00a0atelier\u00a0»\u00a0:", fr.Html, StringComparison.Ordinal);
        Assert.Contains("\u202f!", fr.Html, StringComparison.Ordinal);
        Assert.DoesNotContain('\u00a0', en.Html);
        Assert.Equal("/programme/", Assert.Single(fr.Links).Url);
    }
}
