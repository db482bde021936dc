using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>
/// <c>serve</c> as a process, the way an editor runs it: it outlives broken content, refuses harmful settings,
/// and its clock runs. How its Azurite ends with it: <see cref="ServeLifecycleTests"/>.
/// </summary>
public sealed class ServeCommandTests
{
    private const string Session = "sessions/atelier-compar-ia.md";
    private const string Tags = "tags: [Compar:IA, modèles de langage, esprit critique]";

    // An unclosed '[' followed by another field: YamlDotNet throws on it instead of reporting a syntax error.
    private const string UnclosedTags = "tags: [Compar:IA, modèles de langage, esprit critique";

    [Fact]
    public async Task Serve_keeps_serving_the_last_good_site_when_a_content_file_breaks_and_shows_the_error_to_every_tab()
    {
        using var copy = new ContentCopy();
        var data = ServeProcess.AzuriteDataOf(copy.Root);
        try
        {
            await using var serve = ServeProcess.Start(copy.Root);
            await serve.WaitUntilServingAsync();
            var before = await serve.Http.GetStringAsync("/programme/atelier-compar-ia/");
            using var open = await LiveEvents.OpenAsync(serve.Http);

            copy.Replace(Session, Tags, UnclosedTags);

            var told = await open.NextAsync(TimeSpan.FromSeconds(30));
            Assert.True(told is ("failed", _), $"the open tab was told {told?.Name ?? "nothing"}\n{serve.Output}\n{serve.Errors}");
            Assert.Contains("content/sessions/atelier-compar-ia.md", told!.Value.Data, StringComparison.Ordinal);
            Assert.False(serve.HasExited, serve.Errors);
            Assert.Contains("content/sessions/atelier-compar-ia.md", serve.Errors, StringComparison.Ordinal);
            Assert.Contains("error: ", serve.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", serve.Errors, StringComparison.Ordinal);

            // A tab opened now sees the same error, over the page of the last good build.
            using var later = await LiveEvents.OpenAsync(serve.Http);
            var shown = await later.NextAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(told, shown);
            Assert.Equal(before, await serve.Http.GetStringAsync("/programme/atelier-compar-ia/"));

            // Mended, the site is built again and the tabs reload.
            copy.Replace(Session, UnclosedTags, Tags.Replace("esprit critique", "esprit critique, réparé", StringComparison.Ordinal));
            Assert.Equal("reload", (await open.NextAsync(TimeSpan.FromSeconds(30)))?.Name);
            Assert.Contains("réparé", await serve.Http.GetStringAsync("/programme/atelier-compar-ia/"), StringComparison.Ordinal);

            await serve.AssertStopsCleanlyAsync("TERM", data);
        }
        finally
        {
            ServeProcess.StopAzuritesOn(data);
        }
    }

    [Fact]
    public async Task Serve_on_content_that_stops_the_first_build_exits_with_1_and_no_trace()
    {
        using var copy = new ContentCopy();
        copy.Replace(Session, Tags, UnclosedTags);

        await using var serve = ServeProcess.Start(copy.Root);
        var code = await serve.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, code);
        Assert.Contains("error: ", serve.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", serve.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", serve.Errors, StringComparison.Ordinal);
        Assert.Empty(ServeProcess.AzuritesOn(ServeProcess.AzuriteDataOf(copy.Root)));
    }

    [Fact]
    public async Task Serve_with_a_registration_setting_that_would_do_harm_says_so_in_one_line_and_exits_with_1()
    {
        using var copy = new ContentCopy();

        await using var serve = ServeProcess.Start(copy.Root, new Dictionary<string, string> { ["Registration__RetentionDays"] = "0" });
        var code = await serve.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, code);
        Assert.Contains("serve: error: ", serve.Errors, StringComparison.Ordinal);
        Assert.Contains("RetentionDays", serve.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", serve.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", serve.Errors, StringComparison.Ordinal);
        Assert.Empty(await ServeProcess.AzuritesLeftOnAsync(ServeProcess.AzuriteDataOf(copy.Root), TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Serve_with_now_lets_its_clock_run_so_a_later_edit_shows_registration_as_it_stands_then()
    {
        // Registration opens on 20 January 2025 at 10:00, Paris time: serve starts two seconds before.
        using var copy = new ContentCopy();
        var data = ServeProcess.AzuriteDataOf(copy.Root);
        try
        {
            await using var serve = ServeProcess.Start(copy.Root, "--now", "2025-01-20T09:59:58+01:00");
            await serve.WaitUntilServingAsync();
            Assert.Contains("data-state=\"not-yet-open\"", await serve.Http.GetStringAsync("/programme/atelier-compar-ia/"), StringComparison.Ordinal);
            using var open = await LiveEvents.OpenAsync(serve.Http);
            await Task.Delay(TimeSpan.FromSeconds(3));

            copy.Replace(Session, Tags, Tags.Replace("esprit critique", "esprit critique, modifié", StringComparison.Ordinal));
            Assert.Equal("reload", (await open.NextAsync(TimeSpan.FromSeconds(30)))?.Name);

            var page = await serve.Http.GetStringAsync("/programme/atelier-compar-ia/");
            Assert.Contains("modifié", page, StringComparison.Ordinal);
            Assert.Contains("data-state=\"open\"", page, StringComparison.Ordinal);
        }
        finally
        {
            ServeProcess.StopAzuritesOn(data);
        }
    }
}
