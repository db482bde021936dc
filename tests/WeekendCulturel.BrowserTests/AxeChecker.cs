using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace WeekendCulturel.BrowserTests;

/// <summary>
/// Runs axe-core (the copy that Deque.AxeCore ships) in pages. The script is added once per browser context,
/// so that each page only runs the rules instead of receiving half a megabyte of script first.
/// </summary>
public static class AxeChecker
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var assembly = typeof(Deque.AxeCore.Commons.AxeRunOptions).Assembly;
        using var stream = assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe-core is not embedded in Deque.AxeCore.Commons");
        return new StreamReader(stream).ReadToEnd();
    });

    // axe keeps a tab's renderer busy on one core, so two cores take at least two tabs, and one more keeps them
    // busy while the test talks to the others. No more: under serve, each open page holds one of the six
    // connections Chromium allows a host (the live-reload events), and a page that finds none never loads.
    private const int Tabs = 3;

    public static Task PrepareAsync(IBrowserContext context) => context.AddInitScriptAsync(Source.Value);

    /// <summary>Adds axe to a page whose document was written in place (SetContentAsync), which init scripts do not reach.</summary>
    public static Task AddToAsync(IPage page) => page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Source.Value });

    /// <summary>The WCAG 2.1 A and AA violations of the page as it is now, one line each.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string where)
    {
        var violations = await page.EvaluateAsync<JsonElement>("""
            () => axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
              .then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.html) })))
            """);
        return [.. violations.EnumerateArray().Select(v =>
            $"{where}: {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}) {v.GetProperty("help").GetString()}: {string.Join(" | ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")];
    }

    /// <summary>
    /// The violations of every page at <paramref name="paths"/> in a context (prepared here), several pages at
    /// once; <paramref name="loaded"/> runs on each page once it has loaded, before axe.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ViolationsOfPagesAsync(IBrowserContext context, IEnumerable<string> paths, Func<IPage, string, Task>? loaded = null)
    {
        await PrepareAsync(context);
        var waiting = new ConcurrentQueue<string>(paths);
        var problems = new ConcurrentBag<string>();
        async Task CheckInOneTab()
        {
            var page = await context.NewPageAsync();
            while (waiting.TryDequeue(out var path))
            {
                await page.GotoAsync(path);
                if (loaded is not null)
                {
                    await loaded(page, path);
                }

                foreach (var problem in await ViolationsAsync(page, path))
                {
                    problems.Add(problem);
                }
            }

            await page.CloseAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, Tabs).Select(_ => CheckInOneTab()));
        return [.. problems.Order(StringComparer.Ordinal)];
    }
}
