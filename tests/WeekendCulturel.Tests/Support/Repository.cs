namespace WeekendCulturel.Tests.Support;

/// <summary>Finds the repository the tests run from, so that they use the real content and theme.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Content => Path.Combine(Root, "content");

    public static string Generator => Path.Combine(Root, "generator");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WeekendCulturel.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("WeekendCulturel.sln not found above " + AppContext.BaseDirectory);
    }
}
