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

    public static Task PrepareAsync(IBrowserContext context) => context.AddInitScriptAsync(Source.Value);

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
}
