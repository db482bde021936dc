using WeekendCulturel.Generator.Assets;

namespace WeekendCulturel.Tests.Assets;

public sealed class CustomPropertyPrunerTests
{
    [Fact]
    public void Properties_nothing_reads_are_dropped_and_those_read_directly_or_through_others_are_kept()
    {
        const string css = ":root{--blue:#000091;--unused:red;--hover:var(--blue);--link:var(--hover)}"
            + ".fr-link{color:var(--link)}.x{--local:1px;margin:var(--local,2px)}";

        var pruned = CustomPropertyPruner.Prune(css);

        Assert.Equal(":root{--blue:#000091;--hover:var(--blue);--link:var(--hover)}.fr-link{color:var(--link)}.x{--local:1px;margin:var(--local,2px)}", pruned);
    }

    [Fact]
    public void A_last_declaration_without_semicolon_and_values_with_strings_brackets_and_comments_are_cut_whole()
    {
        const string css = "a{color:var(--kept);--gone:url(\"x;}.svg\");--kept:\"}\"}"
            + "b{--also-gone:calc( (1px + 2px) );/* --not-a-declaration:1 */--last-gone:[a;b]}"
            + "@media (min-width:48em){:root{--wide:1;--kept:2}}";

        var pruned = CustomPropertyPruner.Prune(css);

        Assert.Equal("a{color:var(--kept);--kept:\"}\"}b{/* --not-a-declaration:1 */}@media (min-width:48em){:root{--kept:2}}", pruned);
    }

    [Fact]
    public void A_property_named_only_in_the_other_sources_is_kept()
    {
        const string css = ":root{--from-script:1;--gone:2}";

        Assert.Equal(":root{--from-script:1;}", CustomPropertyPruner.Prune(css, "el.style.width = 'var(--from-script)';"));
    }

    [Fact]
    public void The_real_bundle_keeps_every_property_it_reads_and_drops_most_of_the_dsfr_tokens()
    {
        var dsfr = File.ReadAllText(Path.Combine(ThemeFiles.Default().DsfrDist, "dsfr.min.css"));

        var pruned = CustomPropertyPruner.Prune(dsfr);

        var read = System.Text.RegularExpressions.Regex.Matches(pruned, @"var\(\s*(--[A-Za-z0-9_-]+)").Select(m => m.Groups[1].Value).ToHashSet();
        var defined = System.Text.RegularExpressions.Regex.Matches(pruned, @"[{;]\s*(--[A-Za-z0-9_-]+)\s*:").Select(m => m.Groups[1].Value).ToHashSet();
        var definedBefore = System.Text.RegularExpressions.Regex.Matches(dsfr, @"[{;]\s*(--[A-Za-z0-9_-]+)\s*:").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Empty(read.Where(definedBefore.Contains).Except(defined));
        Assert.Empty(defined.Except(read));
        Assert.True(pruned.Length < dsfr.Length, $"{pruned.Length} of {dsfr.Length} characters");
    }
}
