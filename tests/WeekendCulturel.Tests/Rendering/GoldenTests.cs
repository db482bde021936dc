using System.Text.RegularExpressions;
using WeekendCulturel.Generator;
using WeekendCulturel.Generator.Assets;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Rendering;

/// <summary>
/// Whole pages of a small fixed content set (Golden/content) compared with the expected HTML beside it
/// (Golden/expected). A theme change shows here as a diff to review; after reviewing, run the tests with
/// UPDATE_GOLDEN=1 to accept it.
/// </summary>
public sealed partial class GoldenTests : IClassFixture<GoldenTests.GoldenSite>
{
    private static readonly string GoldenDirectory = Path.Combine(Repository.Root, "tests", "WeekendCulturel.Tests", "Golden");

    private readonly GoldenSite _site;

    public GoldenTests(GoldenSite site) => _site = site;

    public sealed class GoldenSite : IDisposable
    {
        public GoldenSite()
        {
            Output = Path.Combine(Path.GetTempPath(), "wc-golden", Guid.NewGuid().ToString("N"));
            using var builder = new SiteBuilder(ThemeFiles.Default());
            var result = builder.Build(new BuildOptions(Path.Combine(GoldenDirectory, "content"), Output, null, ContentCopy.RegistrationOpen, GoldenDirectory));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join('\n', result.Diagnostics));
            }
        }

        public string Output { get; }

        public void Dispose() => Directory.Delete(Output, recursive: true);
    }

    [Theory]
    [InlineData("index.html", "home.fr.html")]
    [InlineData("programme/index.html", "programme.fr.html")]
    [InlineData("programme/atelier-compar-ia/index.html", "session.fr.html")]
    [InlineData("en/programme/table-ronde-ia-et-information/index.html", "session.en.html")]
    [InlineData("lieux/bnf/index.html", "venue.fr.html")]
    [InlineData("en/404.html", "not-found.en.html")]
    public void Page_matches_its_golden_copy(string page, string golden)
    {
        var actual = Normalise(File.ReadAllText(Path.Combine(_site.Output, page)));
        var expectedFile = Path.Combine(GoldenDirectory, "expected", golden);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedFile)!);
            File.WriteAllText(expectedFile, actual);
        }

        Assert.True(File.Exists(expectedFile), $"no golden copy {expectedFile}: run the tests with UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(expectedFile);
        if (expected != actual)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            var first = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length)).FirstOrDefault(i => expectedLines[i] != actualLines[i], Math.Min(expectedLines.Length, actualLines.Length));
            Assert.Fail($"{page} differs from {golden} at line {first + 1}:\n- {expectedLines.ElementAtOrDefault(first)}\n+ {actualLines.ElementAtOrDefault(first)}");
        }
    }

    /// <summary>Asset fingerprints change with every DSFR or CSS update; the golden copies do not care.</summary>
    private static string Normalise(string html) => Fingerprint().Replace(html, ".FINGERPRINT.");

    [GeneratedRegex(@"\.[0-9a-f]{10}\.")]
    private static partial Regex Fingerprint();
}
