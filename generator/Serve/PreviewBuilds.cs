using WeekendCulturel.Generator.Cli;
using WeekendCulturel.Generator.Diagnostics;

namespace WeekendCulturel.Generator.Serve;

/// <summary>
/// serve's builds, one at a time: each for the moment it is made on serve's clock (with <c>--now</c>, a clock
/// that started at that moment and runs on), reported on the console and to the open tabs. None of them ends
/// serve: a build that throws is reported like a build with errors, and the last good site stays served.
/// </summary>
public sealed class PreviewBuilds(SiteBuilder builder, BuildOptions options, TimeProvider clock, LiveReloadHub hub, bool quiet)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The first build; null when it failed.</summary>
    public BuildResult? Build() => Run("build", [], () =>
    {
        var result = builder.Build(Now());
        ConsoleReport.Print(result, "build", quiet);
        return result;
    });

    /// <summary>Builds again after these files changed; the result when it succeeded, else null.</summary>
    public BuildResult? Rebuild(IReadOnlyCollection<string> changed) => Run("rebuild", changed, () =>
    {
        if (changed.Any(c => c.EndsWith(".razor", StringComparison.Ordinal) || c.EndsWith(".cs", StringComparison.Ordinal)))
        {
            Console.WriteLine("serve: a theme component changed; components are compiled, so restart serve to see it.");
        }

        IncrementalTiming? early = null;
        var result = builder.Rebuild(Now(), changed, timing =>
        {
            // The edited sessions' pages are on disk: their tabs reload now, the lists follow.
            early = timing;
            hub.Reload(timing.Files);
            if (!quiet)
            {
                Console.WriteLine($"rebuild: {string.Join(", ", timing.Sessions)} on disk in {timing.SessionPagesWritten.TotalMilliseconds:0} ms");
            }
        });
        ConsoleReport.Print(result, "rebuild", quiet);
        if (result.Succeeded)
        {
            if (early is null)
            {
                hub.Reload();
            }
            else
            {
                hub.Reload(result.Files.Select(f => f.Path).Except(early.Files));
            }
        }

        return result;
    });

    /// <summary>
    /// A few builds that write nothing, spaced out so that the runtime's tiered JIT promotes the hot code to
    /// its optimised version: the first rebuild after an edit is then as quick as the later ones. A large
    /// site rehearses only the fast path of an edited session: a whole rehearsal would cost seconds.
    /// </summary>
    public async Task WarmUpAsync(int pages)
    {
        for (var i = 0; i < 5; i++)
        {
            await Task.Delay(150);
            await _gate.WaitAsync();
            try
            {
                if (pages <= 1000)
                {
                    builder.Rehearse(Now());
                }
                else
                {
                    builder.RehearseIncremental(Now());
                }
            }
            catch (Exception)
            {
                // Only a warm-up: the content may be changing under it, and the next real build reports that.
                return;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private BuildOptions Now() => options with { Now = clock.GetUtcNow() };

    private BuildResult? Run(string verb, IReadOnlyCollection<string> changed, Func<BuildResult> build)
    {
        _gate.Wait();
        try
        {
            var result = build();
            if (!result.Succeeded)
            {
                hub.Failed(result.Diagnostics.Select(d => d.ToString()));
                return null;
            }

            return result;
        }
        catch (Exception e)
        {
            // A mistake in the content should come back as a diagnostic; one that throws instead is a bug of the
            // generator, and still no reason to stop serving the last good site.
            var cause = e is AggregateException many ? many.Flatten().InnerExceptions[0] : e;
            // Editors' temporary files, renamed or deleted since, are no clue.
            var files = changed.Where(File.Exists).Select(f => DisplayPath.Of(options.DisplayRoot, f)).Order(StringComparer.Ordinal).ToList();
            var after = files.Count == 0 ? "" : " after a change to " + string.Join(", ", files);
            var message = $"serve: error: the {verb} stopped on an unexpected {cause.GetType().Name}{after}: {cause.Message}";
            Console.Error.WriteLine(message);
            hub.Failed([message]);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }
}
