namespace WeekendCulturel.BrowserTests;

/// <summary>The Nu HTML Checker (npm vnu-jar, on the machine's Java) on every page: no error.</summary>
[Collection(SiteCollection.Markup)]
public sealed class HtmlValidityTests(SiteUnderTest site)
{
    private string Where(string file, string extra) =>
        file.StartsWith(extra, StringComparison.Ordinal) ? "(api) " + Path.GetRelativePath(extra, file) : Path.GetRelativePath(site.Output, file);

    [Fact]
    public async Task Every_generated_page_and_the_api_pages_are_valid_html()
    {
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
            var errors = await NuChecker.ErrorsAsync([site.Output, extra], file => Where(file, extra));
            Assert.True(errors.Count == 0, string.Join('\n', errors));
        }
        finally
        {
            Directory.Delete(extra, recursive: true);
        }
    }
}
