using System.Reflection;
using System.Text;
using WeekendCulturel.Contract;
using WeekendCulturel.Generator.Assets;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Tests.Assets;

public sealed class ScriptBundleTests
{
    private static readonly ThemeFiles Theme = ThemeFiles.Default();

    [Fact]
    public void The_site_script_is_the_theme_script_files_joined_in_name_order_with_the_shared_helpers_first()
    {
        var files = Directory.GetFiles(Theme.ScriptModules, "*.js").Order(StringComparer.Ordinal).ToList();

        var script = SiteScript();

        Assert.Equal(string.Join('\n', files.Select(File.ReadAllText)), script);
        // A behaviour runs as soon as its file is read: a helper after it would not be declared yet.
        static bool IsHelper(string file) => Path.GetFileName(file).StartsWith('_');
        Assert.Contains(files, IsHelper);
        Assert.DoesNotContain(files.SkipWhile(IsHelper), IsHelper);
    }

    [Fact]
    public void The_site_script_writes_no_address_and_no_field_name_of_its_own()
    {
        var script = SiteScript();
        var names = typeof(FormFields).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.DoesNotContain(ApiPaths.Root + "/", script, StringComparison.Ordinal);
        Assert.All(names, name =>
        {
            Assert.DoesNotContain($"'{name}'", script, StringComparison.Ordinal);
            Assert.DoesNotContain($"name=\"{name}\"", script, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_site_script_reads_the_programme_filters_from_the_page()
    {
        var script = SiteScript();

        Assert.All(ProgrammeFilter.All, filter =>
        {
            Assert.DoesNotContain($"'{filter.Parameter}'", script, StringComparison.Ordinal);
            Assert.DoesNotContain($"{filter.Parameter}:", script, StringComparison.Ordinal);
            Assert.DoesNotContain($"'{filter.CardKey}'", script, StringComparison.Ordinal);
        });
    }

    private static string SiteScript()
    {
        var bundle = new AssetBundler(Theme).Build(new HashSet<string>(StringComparer.Ordinal), "");
        var script = bundle.Files.Single(f => f.Path.StartsWith("assets/site.", StringComparison.Ordinal) && f.Path.EndsWith(".js", StringComparison.Ordinal));
        return Encoding.UTF8.GetString(script.Bytes);
    }
}
