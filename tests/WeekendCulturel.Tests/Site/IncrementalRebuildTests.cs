using WeekendCulturel.Generator;
using WeekendCulturel.Generator.Assets;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>serve's fast path after an edited session: the same files as a full build, or a full build.</summary>
public sealed class IncrementalRebuildTests
{
    private const string Session = "sessions/atelier-compar-ia.md";

    [Fact]
    public void An_edited_session_is_rebuilt_alone_and_the_site_is_what_a_full_build_makes()
    {
        using var copy = new ContentCopy();
        using var builder = new SiteBuilder(ThemeFiles.Default(), serving: true);
        Assert.True(builder.Build(copy.Options()).Succeeded);

        // A new title (shown on the programme, the speakers and the venue pages), a new body, more seats.
        copy.Replace(Session, "title: \"Atelier Compar:IA", "title: \"Atelier Compar:IA (nouvelle formule)");
        copy.Replace(Session, "capacity: 24", "capacity: 30");
        File.AppendAllText(copy.PathOf(Session), "\nUn paragraphe ajouté : il doit paraître sur la page de la séance.\n");
        IncrementalTiming? timing = null;
        var result = builder.Rebuild(copy.Options(), [copy.PathOf(Session)], t => timing = t);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.NotNull(timing);
        Assert.Equal(["atelier-compar-ia"], timing.Sessions);
        Assert.Contains("programme/atelier-compar-ia/index.html", timing.Files);
        Assert.Equal(30, result.Registration!.Sessions.Single(s => s.Id == "atelier-compar-ia").Capacity);

        var full = Path.Combine(copy.Root, "_full");
        using (var fresh = new SiteBuilder(ThemeFiles.Default()))
        {
            Assert.True(fresh.Build(copy.Options() with { OutputDirectory = full }).Succeeded);
        }

        AssertSameFiles(full, copy.Output);
        Assert.Contains("(nouvelle formule)", File.ReadAllText(Path.Combine(copy.Output, "programme", "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistake_in_the_edited_session_is_reported_at_its_place_and_nothing_is_written()
    {
        using var copy = new ContentCopy();
        using var builder = new SiteBuilder(ThemeFiles.Default(), serving: true);
        Assert.True(builder.Build(copy.Options()).Succeeded);
        var page = Path.Combine(copy.Output, "programme", "atelier-compar-ia", "index.html");
        var before = File.ReadAllBytes(page);

        copy.Replace(Session, "audience: tout-public", "audience: tout-le-monde");
        var line = copy.LineOf(Session, "audience:");
        copy.Replace(Session, "title: \"Atelier Compar:IA", "title: \"Atelier modifié");
        var result = builder.Rebuild(copy.Options(), [copy.PathOf(Session)]);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Generator.Diagnostics.Severity.Error);
        Assert.Equal(Path.Combine("content", "sessions", "atelier-compar-ia.md"), error.Path);
        Assert.Equal(line, error.Line);
        Assert.Equal(before, File.ReadAllBytes(page));
    }

    [Fact]
    public void An_edit_that_clashes_with_the_rest_of_the_site_gets_the_errors_a_full_build_gives()
    {
        using var copy = new ContentCopy();
        using var builder = new SiteBuilder(ThemeFiles.Default(), serving: true);
        Assert.True(builder.Build(copy.Options()).Succeeded);
        var page = Path.Combine(copy.Output, "programme", "atelier-compar-ia", "index.html");
        var before = File.ReadAllBytes(page);

        // Moved onto the afternoon workshop of the same room, with a link to a session that does not exist.
        copy.Replace(Session, "start: 2025-02-08T10:30", "start: 2025-02-08T14:30");
        copy.Replace(Session, "end: 2025-02-08T11:30", "end: 2025-02-08T15:30");
        File.AppendAllText(copy.PathOf(Session), "\nVoir aussi [l’atelier disparu](/programme/atelier-disparu/).\n");
        var incremental = builder.Rebuild(copy.Options(), [copy.PathOf(Session)]);

        using var fresh = new SiteBuilder(ThemeFiles.Default());
        var full = fresh.Build(copy.Options() with { OutputDirectory = Path.Combine(copy.Root, "_full") });
        static string[] Errors(BuildResult r) => [.. r.Diagnostics.Where(d => d.Severity == Generator.Diagnostics.Severity.Error).Select(d => d.ToString())];

        Assert.False(incremental.Succeeded);
        Assert.Equal(2, Errors(full).Length);
        Assert.Equal(Errors(full), Errors(incremental));
        Assert.Contains(Errors(incremental), e => e.Contains("overlaps 'atelier-compar-ia-2'", StringComparison.Ordinal));
        Assert.Contains(Errors(incremental), e => e.Contains("/programme/atelier-disparu/", StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllBytes(page));
    }

    [Fact]
    public void An_edit_outside_the_sessions_falls_back_to_a_full_build()
    {
        using var copy = new ContentCopy();
        using var builder = new SiteBuilder(ThemeFiles.Default(), serving: true);
        Assert.True(builder.Build(copy.Options()).Succeeded);

        copy.Replace("speakers/kak.md", "Cartooning for Peace", "Cartooning for Peace (association)");
        var incremental = false;
        var result = builder.Rebuild(copy.Options(), [copy.PathOf("speakers/kak.md")], _ => incremental = true);

        Assert.True(result.Succeeded);
        Assert.False(incremental);
        Assert.Contains("(association)", File.ReadAllText(Path.Combine(copy.Output, "intervenants", "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_an_hour_later_that_changes_no_session_state_stays_on_the_fast_path()
    {
        using var copy = new ContentCopy();
        using var builder = new SiteBuilder(ThemeFiles.Default(), serving: true);
        Assert.True(builder.Build(copy.Options(ContentCopy.RegistrationOpen)).Succeeded);

        // serve's clock runs: each rebuild is for the moment it is made.
        var later = ContentCopy.RegistrationOpen.AddHours(1);
        copy.Replace(Session, "title: \"Atelier Compar:IA", "title: \"Atelier Compar:IA (une heure plus tard)");
        IncrementalTiming? timing = null;
        var result = builder.Rebuild(copy.Options(later), [copy.PathOf(Session)], t => timing = t);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.NotNull(timing);
        AssertSameFiles(FullBuild(copy, later), copy.Output);
    }

    [Fact]
    public void An_edit_after_registration_opened_shows_every_session_as_it_stands_then()
    {
        using var copy = new ContentCopy();
        using var builder = new SiteBuilder(ThemeFiles.Default(), serving: true);
        Assert.True(builder.Build(copy.Options(ContentCopy.BeforeOpening)).Succeeded);
        var other = Path.Combine(copy.Output, "programme", "atelier-creer-avec-ia", "index.html");
        Assert.Contains("data-state=\"not-yet-open\"", File.ReadAllText(other), StringComparison.Ordinal);

        copy.Replace(Session, "title: \"Atelier Compar:IA", "title: \"Atelier Compar:IA (inscriptions ouvertes)");
        var result = builder.Rebuild(copy.Options(ContentCopy.RegistrationOpen), [copy.PathOf(Session)]);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Contains("data-state=\"open\"", File.ReadAllText(other), StringComparison.Ordinal);
        AssertSameFiles(FullBuild(copy, ContentCopy.RegistrationOpen), copy.Output);
    }

    private static string FullBuild(ContentCopy copy, DateTimeOffset now)
    {
        var full = Path.Combine(copy.Root, "_full");
        using var fresh = new SiteBuilder(ThemeFiles.Default());
        Assert.True(fresh.Build(copy.Options(now) with { OutputDirectory = full }).Succeeded);
        return full;
    }

    private static void AssertSameFiles(string expectedRoot, string actualRoot)
    {
        static Dictionary<string, string> Files(string root) => Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => f, StringComparer.Ordinal);
        var expected = Files(expectedRoot);
        var actual = Files(actualRoot);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var different = expected.Keys.Where(k => !File.ReadAllBytes(expected[k]).AsSpan().SequenceEqual(File.ReadAllBytes(actual[k]))).ToList();
        Assert.Empty(different);
    }
}
