namespace WeekendCulturel.Tests.Support;

/// <summary>
/// The processes a test started as children of children (Azurite, MailDev), found by an option of their command
/// line, the way an operator would find them with <c>ps</c>: to check that they end with what started them.
/// </summary>
public static class RunningProcesses
{
    /// <summary>The live processes whose command line has <paramref name="option"/> followed by <paramref name="value"/>.</summary>
    public static IReadOnlyList<int> WithOption(string option, string value)
    {
        var found = new List<int>();
        foreach (var entry in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid))
            {
                continue;
            }

            try
            {
                var args = File.ReadAllText(Path.Combine(entry, "cmdline")).Split('\0');
                var at = Array.IndexOf(args, option);
                if (at >= 0 && at + 1 < args.Length && args[at + 1] == value && !File.ReadAllText(Path.Combine(entry, "stat")).Contains(") Z ", StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended between listing and reading, or is not ours to read.
            }
        }

        return found;
    }

    /// <summary>Waits until <paramref name="find"/> finds none; gives those still running after <paramref name="wait"/>.</summary>
    public static async Task<IReadOnlyList<int>> LeftAfterAsync(Func<IReadOnlyList<int>> find, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (find() is { Count: > 0 } left)
        {
            if (DateTime.UtcNow > deadline)
            {
                return left;
            }

            await Task.Delay(100);
        }

        return [];
    }

    /// <summary>Kills these processes, those already gone aside: what a failed test leaves is not leaked to the run.</summary>
    public static void Kill(IEnumerable<int> processes)
    {
        foreach (var pid in processes)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }
}
