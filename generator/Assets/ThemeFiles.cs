using System.Reflection;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Assets;

/// <summary>Where the theme's files are: its own CSS and JS, and the DSFR installed from npm.</summary>
public sealed record ThemeFiles(string Directory)
{
    public string SiteCss => Path.Combine(Directory, "assets", "site.css");

    /// <summary>The folder of the theme's script, one file per behaviour, joined into the site's one script.</summary>
    public string ScriptModules => Path.Combine(Directory, "assets", "js");

    public string DynamicClasses => Path.Combine(Directory, "assets", "dynamic-classes.txt");

    public string DsfrDist => Path.Combine(Directory, "node_modules", "@gouvfr", "dsfr", "dist");

    /// <summary>The theme folder this build of the generator was compiled against.</summary>
    public static ThemeFiles Default()
    {
        var recorded = typeof(Lang).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ThemeDirectory")?.Value;
        var local = Path.GetFullPath("theme");
        return new ThemeFiles(System.IO.Directory.Exists(Path.Combine(local, "assets")) ? local : recorded ?? local);
    }

    /// <summary>Says what is missing, for a clear message instead of a file-not-found trace.</summary>
    public string? Problem() =>
        !File.Exists(SiteCss) ? $"the theme's stylesheet is missing: {SiteCss}"
        : !System.IO.Directory.Exists(DsfrDist) ? $"the DSFR is not installed in {Directory}/node_modules: build the theme (dotnet build) or run 'npm ci' in {Directory}"
        : null;
}
