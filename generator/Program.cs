using WeekendCulturel.Generator;
using WeekendCulturel.Generator.Assets;
using WeekendCulturel.Generator.Cli;
using WeekendCulturel.Generator.Registration;
using WeekendCulturel.Generator.Serve;

var (line, error) = CommandLine.Parse(args);
if (line is null)
{
    if (error is not null)
    {
        Console.Error.WriteLine($"error: {error}");
    }

    Console.Error.WriteLine(CommandLine.Usage);
    return error is null ? 0 : 2;
}

var options = new BuildOptions(line.ContentDirectory, line.OutputDirectory, line.BaseUrl, line.Now);
using var builder = new SiteBuilder(ThemeFiles.Default(), serving: line.Command == "serve");
switch (line.Command)
{
    case "check":
        var checkedResult = builder.Check(options);
        ConsoleReport.Print(checkedResult, "check", line.Quiet);
        return checkedResult.Succeeded ? 0 : 1;
    case "serve":
        return await PreviewServer.RunAsync(builder, options, line);
    case "registrations":
        return await SyncCommand.RunAsync(builder, options, line);
    default:
        if (!line.Quiet)
        {
            Console.WriteLine($"building {line.ContentDirectory} into {line.OutputDirectory}...");
        }

        var result = builder.Build(options);
        ConsoleReport.Print(result, "build", line.Quiet);
        return result.Succeeded ? 0 : 1;
}
