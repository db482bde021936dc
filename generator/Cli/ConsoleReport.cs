using System.Globalization;

namespace WeekendCulturel.Generator.Cli;

/// <summary>Prints a build's problems (every one, compiler style) and its one-line summary.</summary>
public static class ConsoleReport
{
    public static void Print(BuildResult result, string verb, bool quiet) =>
        Print(result, verb, quiet, Console.Out, Console.Error);

    public static void Print(BuildResult result, string verb, bool quiet, TextWriter output, TextWriter error)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            if (diagnostic.Severity == Diagnostics.Severity.Error || !quiet)
            {
                error.WriteLine(diagnostic.ToString());
            }
        }

        var time = result.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        if (result.Succeeded)
        {
            var written = result.Written is { } w ? $", {w.Written} files written, {w.Unchanged} unchanged, {w.Deleted} deleted" : "";
            output.WriteLine($"{verb}: {result.Pages} pages, {result.Warnings} warning(s), {time} ms{written}");
        }
        else
        {
            output.WriteLine($"{verb} failed: {result.Errors} error(s), {result.Warnings} warning(s), {time} ms; nothing was written");
        }
    }
}
