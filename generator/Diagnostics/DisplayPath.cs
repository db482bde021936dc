namespace WeekendCulturel.Generator.Diagnostics;

/// <summary>
/// A file's path as messages show it: relative to a root the caller chooses (the command line gives the
/// folder it runs in, as compilers print paths), or whole when the file is outside that root. The root is
/// a value rather than the process's working folder so that builds can run side by side.
/// </summary>
public static class DisplayPath
{
    public static string Of(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }
}
