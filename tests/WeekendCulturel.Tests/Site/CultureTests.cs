using System.Globalization;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>
/// The site is the same whatever the culture of the machine that builds it: a Thai or Saudi machine counts
/// years in another calendar, and a French one writes decimals with a comma.
/// </summary>
public sealed class CultureTests
{
    [Fact]
    public void The_site_built_under_thai_and_saudi_cultures_is_byte_for_byte_the_site_built_under_french()
    {
        var french = BuildUnder("fr-FR");
        foreach (var culture in new[] { "th-TH", "ar-SA" })
        {
            var other = BuildUnder(culture);
            Assert.Equal(french.Keys.Order(StringComparer.Ordinal), other.Keys.Order(StringComparer.Ordinal));
            var differing = french.Keys.Where(path => !french[path].AsSpan().SequenceEqual(other[path])).Order(StringComparer.Ordinal).ToList();
            Assert.True(differing.Count == 0, $"under {culture}, {differing.Count} files differ from the French build: {string.Join(", ", differing.Take(20))}");
        }
    }

    [Fact]
    public void The_registration_manifest_built_under_a_thai_culture_gives_the_event_s_real_last_day()
    {
        var files = BuildUnder("th-TH");

        var manifest = RegistrationManifest.FromJson(files["registration-manifest.json"]);

        Assert.Equal(new DateOnly(2025, 2, 9), manifest.LastDay);
        Assert.Contains("\"lastDay\": \"2025-02-09\"", System.Text.Encoding.UTF8.GetString(files["registration-manifest.json"]), StringComparison.Ordinal);
    }

    /// <summary>Every file the build wrote, and the page shells it keeps, by path.</summary>
    private static Dictionary<string, byte[]> BuildUnder(string culture)
    {
        using var copy = new ContentCopy();
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var result = copy.Build();
            Assert.True(result.Succeeded, $"the build under {culture} failed:\n" + string.Join('\n', result.Diagnostics));
            var files = Directory.GetFiles(copy.Output, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(copy.Output, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
            foreach (var (lang, shell) in result.Shells)
            {
                files["(page shell) " + lang] = System.Text.Encoding.UTF8.GetBytes(shell);
            }

            return files;
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }
}
