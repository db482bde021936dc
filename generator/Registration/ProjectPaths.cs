using WeekendCulturel.Generator.Assets;

namespace WeekendCulturel.Generator.Registration;

/// <summary>The repository's folders, found from the theme this generator was built with.</summary>
public static class ProjectPaths
{
    public static string Root => Path.GetFullPath(Path.Combine(ThemeFiles.Default().Directory, ".."));

    public static string Functions => Path.Combine(Root, "functions");
}
