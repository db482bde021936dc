using System.Diagnostics;
using System.Text.Json;

namespace WeekendCulturel.BrowserTests;

/// <summary>The Nu HTML Checker (npm vnu-jar, on the machine's Java) on every page: no error.</summary>
[Collection(SiteCollection.Markup)]
public sealed class HtmlValidityTests(SiteUnderTest site)
{
    private static readonly string Jar = Path.Combine(SiteUnderTest.RepositoryRoot, "tests", "WeekendCulturel.BrowserTests", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    private string Where(string file, string extra) =>
        file.StartsWith(extra, StringComparison.Ordinal) ? "(api) " + Path.GetRelativePath(extra, file) : Path.GetRelativePath(site.Output, file);

    [Fact]
    public async Task Every_generated_page_and_the_api_pages_are_valid_html()
    {
        Assert.True(File.Exists(Jar), $"{Jar} is missing: run 'npm ci' in tests/WeekendCulturel.BrowserTests (the test command does)");

        // The pages the API writes at run time are checked too, from a folder of their own: the output is
        // shared with the tests running beside this one.
        var extra = Path.Combine(Path.GetTempPath(), "wc-api-pages", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(extra);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(site.BaseUrl) };
        var form = new FormUrlEncodedContent([new("sessions", "atelier-nouveaux-metiers"), new("firstName", "Valide"), new("lastName", "Html"), new("email", "valide.html@example.org"), new("lang", "fr"), new("acceptPrivacy", "true")]);
        var posted = await http.PostAsync("/api/registrations", form);
        await File.WriteAllTextAsync(Path.Combine(extra, "booking.html"), await http.GetStringAsync(posted.Headers.Location));
        var invalid = await http.PostAsync("/api/registrations", new FormUrlEncodedContent([new("sessions", "atelier-nouveaux-metiers"), new("lang", "en")]));
        await File.WriteAllTextAsync(Path.Combine(extra, "form-errors.html"), await invalid.Content.ReadAsStringAsync());

        try
        {
            var start = new ProcessStartInfo("java") { RedirectStandardError = true, RedirectStandardOutput = true };
            // A run of seconds: the quick compiler and the simplest collector halve the JVM's work, and do not
            // change what the checker reports.
            foreach (var arg in new[] { "-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", Jar, "--errors-only", "--format", "json", "--skip-non-html", site.Output, extra })
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
                .Select(m => $"{Where(m.GetProperty("url").GetString()!.Replace("file:", "", StringComparison.Ordinal), extra)}:{(m.TryGetProperty("lastLine", out var l) ? l.GetInt32() : 0)}: {m.GetProperty("message").GetString()}")
                .ToList();
            // Every distinct message once, with where it first appears and how often.
            var summary = messages.GroupBy(m => m[(m.IndexOf(": ", StringComparison.Ordinal) + 2)..])
                .Select(g => $"{g.Count()} × {g.Key} (first: {g.First()[..g.First().IndexOf(": ", StringComparison.Ordinal)]})");
            Assert.True(messages.Count == 0, string.Join('\n', summary));
        }
        finally
        {
            Directory.Delete(extra, recursive: true);
        }
    }
}
