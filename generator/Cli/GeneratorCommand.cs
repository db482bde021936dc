using WeekendCulturel.Generator.Assets;
using WeekendCulturel.Generator.Registration;
using WeekendCulturel.Generator.Serve;

namespace WeekendCulturel.Generator.Cli;

/// <summary>
/// The command line from arguments to exit code: parse, run the command, print its report. <c>Program</c>
/// runs it on the console; tests run it in-process with writers of their own, the very path a user takes.
/// </summary>
public static class GeneratorCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var (line, problem) = CommandLine.Parse(args);
        if (line is null)
        {
            if (problem is not null)
            {
                error.WriteLine($"error: {problem}");
            }

            error.WriteLine(CommandLine.Usage);
            return problem is null ? 0 : 2;
        }

        var options = new BuildOptions(line.ContentDirectory, line.OutputDirectory, line.BaseUrl, line.Now, Directory.GetCurrentDirectory());
        using var builder = new SiteBuilder(ThemeFiles.Default(), serving: line.Command == "serve");
        switch (line.Command)
        {
            case "check":
                var checkedResult = builder.Check(options);
                ConsoleReport.Print(checkedResult, "check", line.Quiet, output, error);
                return checkedResult.Succeeded ? 0 : 1;
            case "serve":
                // Long-running commands talk to the console themselves, as they go.
                return await PreviewServer.RunAsync(builder, options, line);
            case "registrations":
                return await SyncCommand.RunAsync(builder, options, line);
            default:
                if (!line.Quiet)
                {
                    output.WriteLine($"building {line.ContentDirectory} into {line.OutputDirectory}...");
                }

                var result = builder.Build(options);
                ConsoleReport.Print(result, "build", line.Quiet, output, error);
                return result.Succeeded ? 0 : 1;
        }
    }
}
