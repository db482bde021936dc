using System.Diagnostics;
using System.Text.Json;

namespace WeekendCulturel.BrowserTests;

/// <summary>The Nu HTML Checker (npm vnu-jar, on the machine's Java): its errors on files and folders of HTML.</summary>
public static class NuChecker
{
    public static readonly string Jar = Path.Combine(SiteUnderTest.RepositoryRoot, "tests", "WeekendCulturel.BrowserTests", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    /// <summary>
    /// Every distinct error once, with where it first appears (as <paramref name="where"/> names the file) and how
    /// often; empty when the pages are valid.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ErrorsAsync(IEnumerable<string> paths, Func<string, string> where)
    {
        Assert.True(File.Exists(Jar), $"{Jar} is missing: run 'npm ci' in tests/WeekendCulturel.BrowserTests (the test command does)");
        var start = new ProcessStartInfo("java") { RedirectStandardError = true, RedirectStandardOutput = true };
        // A run of seconds: the quick compiler and the simplest collector halve the JVM's work, and do not
        // change what the checker reports.
        foreach (var arg in new[] { "-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", Jar, "--errors-only", "--format", "json", "--skip-non-html" }.Concat(paths))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var report = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;

        var messages = JsonDocument.Parse(report).RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() == "error")
            .Select(m => $"{where(m.GetProperty("url").GetString()!.Replace("file:", "", StringComparison.Ordinal))}:{(m.TryGetProperty("lastLine", out var l) ? l.GetInt32() : 0)}: {m.GetProperty("message").GetString()}")
            .ToList();
        return [.. messages.GroupBy(m => m[(m.IndexOf(": ", StringComparison.Ordinal) + 2)..])
            .Select(g => $"{g.Count()} × {g.Key} (first: {g.First()[..g.First().IndexOf(": ", StringComparison.Ordinal)]})")];
    }
}
