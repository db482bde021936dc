using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>What a build does to the output folder, and what the moment it is built for changes.</summary>
public sealed class BuildTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    [Fact]
    public void A_failed_build_leaves_the_previous_site_untouched()
    {
        using var copy = new ContentCopy();
        Assert.True(copy.Build().Succeeded);
        var before = Snapshot(copy.Output);

        copy.Replace("sessions/atelier-compar-ia.md", "title: \"Atelier Compar:IA", "title: \"Atelier modifié Compar:IA");
        copy.Replace("sessions/studio-rfi.md", "venue: bnf", "venue: nulle-part");
        var result = copy.Build();

        Assert.False(result.Succeeded);
        Assert.Equal(before, Snapshot(copy.Output));
    }

    [Fact]
    public void An_unchanged_rebuild_rewrites_nothing_and_a_change_rewrites_only_what_it_touches()
    {
        using var copy = new ContentCopy();
        var first = copy.Build();
        var again = copy.Build();

        // The first build, into an empty folder, wrote its pages and data files as it went: all are counted.
        Assert.Equal(Directory.GetFiles(copy.Output, "*", SearchOption.AllDirectories).Length, first.Written!.Written);
        Assert.NotEmpty(first.Registration!.Sessions); // serve syncs registration from it
        Assert.Equal(0, again.Written!.Written);
        Assert.Equal(first.Written.Written, again.Written.Unchanged);

        copy.Replace("speakers/kak.md", "role:", "# edited\nrole:");
        copy.Replace("speakers/kak.md", "Cartooning for Peace", "Cartooning for Peace (association)");
        var edited = copy.Build();
        Assert.InRange(edited.Written!.Written, 1, first.Written.Written / 4);
    }

    [Fact]
    public void A_page_large_enough_for_a_renderer_of_its_own_leaves_every_other_page_as_it_was()
    {
        using var large = new ContentCopy();
        var paragraphs = string.Concat(Enumerable.Range(1, 3000).Select(i => $"\n\nParagraphe {i} : un texte assez long pour que la page dépasse le quart de mégaoctet."));
        large.Write("sessions/atelier-compar-ia.md", large.Read("sessions/atelier-compar-ia.md") + paragraphs + "\n\nDernier paragraphe.\n");

        Assert.True(large.Build().Succeeded);

        // The renderer is renewed after a page over 256 KB; the pages after it must not notice.
        var page = Path.Combine("programme", "atelier-compar-ia", "index.html");
        var bytes = File.ReadAllBytes(Path.Combine(large.Output, page));
        var html = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.True(bytes.Length > 256 * 1024, $"{bytes.Length} bytes");
        Assert.Contains("Dernier paragraphe.", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>", html.TrimEnd(), StringComparison.Ordinal);
        var others = Directory.GetFiles(site.Output, "*.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(site.Output, f))
            .Where(f => f != page)
            .ToList();
        Assert.True(others.Count > 100, $"{others.Count} other pages");
        Assert.All(others, f => Assert.Equal(File.ReadAllBytes(Path.Combine(site.Output, f)), File.ReadAllBytes(Path.Combine(large.Output, f))));
    }

    [Fact]
    public void A_folder_the_generator_did_not_make_is_never_emptied()
    {
        using var copy = new ContentCopy();
        Directory.CreateDirectory(copy.Output);
        var precious = Path.Combine(copy.Output, "notes.txt");
        File.WriteAllText(precious, "mine");

        var result = copy.Build();

        Assert.False(result.Succeeded);
        Assert.Contains("did not write", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(precious));
        Assert.Single(Directory.GetFileSystemEntries(copy.Output));
    }

    [Fact]
    public void A_removed_session_disappears_from_the_output()
    {
        using var copy = new ContentCopy();
        copy.Build();
        Assert.True(File.Exists(Path.Combine(copy.Output, "programme/studio-rfi/index.html")));

        copy.Delete("sessions/studio-rfi.md");
        copy.Delete("sessions/studio-rfi.en.md");
        var result = copy.Build();

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.False(Directory.Exists(Path.Combine(copy.Output, "programme/studio-rfi")));
        Assert.True(result.Written!.Deleted >= 4);
    }

    public static TheoryData<string, string, string> Moments => new()
    {
        { "2025-01-10T10:00:00+01:00", "not-yet-open", "Les inscriptions ouvrent le lundi 20 janvier 2025 à 10\u00a0h." },
        { "2025-02-01T10:00:00+01:00", "open", "Inscription gratuite et obligatoire." },
        { "2025-02-08T10:30:00+01:00", "closed", "Les inscriptions à cette séance sont closes." },
    };

    [Theory]
    [MemberData(nameof(Moments))]
    public void The_registration_block_follows_the_moment_the_site_is_built_for(string now, string state, string text)
    {
        using var copy = new ContentCopy();
        copy.Build(DateTimeOffset.Parse(now));

        var html = File.ReadAllText(Path.Combine(copy.Output, "programme/atelier-compar-ia/index.html"));
        var block = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector(".wc-registration")!;
        Assert.Equal(state, block.GetAttribute("data-state"));
        Assert.Contains(text, block.TextContent, StringComparison.Ordinal);
        var free = File.ReadAllText(Path.Combine(copy.Output, "programme/studio-rfi/index.html"));
        Assert.Contains("data-state=\"free\"", free, StringComparison.Ordinal);
    }

    [Fact]
    public void Sessions_show_as_ongoing_then_past()
    {
        using var copy = new ContentCopy();
        copy.Build(ContentCopy.SaturdayNoon);

        var ongoing = File.ReadAllText(Path.Combine(copy.Output, "programme/studio-rfi/index.html"));
        var past = File.ReadAllText(Path.Combine(copy.Output, "programme/table-ronde-ia-et-information/index.html"));
        Assert.Contains(">En cours<", ongoing, StringComparison.Ordinal);
        Assert.Contains(">Terminé<", past, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_dsfr_parts_the_pages_use_are_published()
    {
        var css = Directory.GetFiles(Path.Combine(site.Output, "assets"), "site.*.css").Single();
        var text = File.ReadAllText(css);
        Assert.Contains(".fr-header", text, StringComparison.Ordinal);
        Assert.Contains(".fr-icon-calendar-line", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".fr-accordion", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".fr-icon-bank-card-line", text, StringComparison.Ordinal);
        Assert.Contains(".wc-programme:has(#filtre-format-atelier:checked) .wc-session:not([data-kind=\"atelier\"])", text, StringComparison.Ordinal);
        var whole = new FileInfo(Path.Combine(Generator.Assets.ThemeFiles.Default().DsfrDist, "dsfr.min.css")).Length;
        Assert.True(new FileInfo(css).Length < whole * 0.6, $"{new FileInfo(css).Length} bytes of CSS against {whole} for the whole DSFR");
        Assert.Matches(@"site\.[0-9a-f]{10}\.css$", css);
        var html = File.ReadAllText(Path.Combine(site.Output, "index.html"));
        Assert.Contains("/assets/" + Path.GetFileName(css), html, StringComparison.Ordinal);
        Assert.DoesNotContain(".__________.", html, StringComparison.Ordinal);
    }

    private static Dictionary<string, (long, DateTime)> Snapshot(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => (new FileInfo(f).Length, File.GetLastWriteTimeUtc(f)));
}
