using System.Globalization;

namespace WeekendCulturel.Generator.Cli;

/// <summary>The parsed command line: a command, its options, or what was wrong with it.</summary>
public sealed record CommandLine(
    string Command,
    IReadOnlyList<string> Arguments,
    string ContentDirectory,
    string OutputDirectory,
    Uri? BaseUrl,
    int Port,
    DateTimeOffset? Now,
    bool Quiet,
    string? Storage)
{
    public const string Usage = """
        Usage: weekend-culturel <command> [options]

        Commands:
          build                 compile content/ into the site (default output: _site/)
          serve                 build, serve on http://localhost:8080 and rebuild when content/ or theme/ changes
          check                 validate the content without writing anything
          registrations sync    put the sessions of the content (capacities, windows) into registration storage

        Options:
          --content DIR         content folder (default: content)
          --output DIR          output folder (default: _site)
          --base-url URL        absolute address of the site (default: baseUrl in content/site.yml)
          --port N              port of serve (default: 8080)
          --now TIME            the moment the site is built for, e.g. 2025-02-01T10:00:00+01:00 (default: now);
                                serve starts its clock there (pages and API) and lets it run
          --storage CONN        Table Storage for serve and registrations sync: a connection string, or a
                                Table endpoint (https://...) reached with your Azure sign-in
                                (default: Registration__StorageConnectionString, else a local Azurite)
          --quiet               print only problems and the summary
          -h, --help            this help

        Exit codes: 0 done, 1 content errors (or, for serve and registrations, storage that could not start),
        2 wrong usage.
        """;

    private static readonly string[] Commands = ["build", "serve", "check", "registrations"];

    /// <summary>Parses the arguments; on a mistake returns the message to print before the usage.</summary>
    public static (CommandLine? Line, string? Error) Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            return (null, "no command given");
        }

        if (args[0] is "-h" or "--help" or "help")
        {
            return (null, null);
        }

        var command = args[0];
        if (!Commands.Contains(command))
        {
            return (null, $"unknown command '{command}'");
        }

        var content = "content";
        var output = "_site";
        Uri? baseUrl = null;
        var port = 8080;
        DateTimeOffset? now = null;
        var quiet = false;
        string? storage = null;
        var rest = new List<string>();

        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"{arg} needs a value");
                }

                return args[++i];
            }

            try
            {
                switch (arg)
                {
                    case "--content":
                        content = Value();
                        break;
                    case "--output":
                        output = Value();
                        break;
                    case "--base-url":
                        var url = Value();
                        if (!Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out baseUrl) || baseUrl.Scheme is not ("http" or "https"))
                        {
                            return (null, $"--base-url must be an absolute http(s) address, not '{url}'");
                        }

                        break;
                    case "--port":
                        var text = Value();
                        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
                        {
                            return (null, $"--port must be a number from 1 to 65535, not '{text}'");
                        }

                        break;
                    case "--now":
                        var moment = Value();
                        if (!DateTimeOffset.TryParseExact(moment, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                        {
                            return (null, $"--now must be a date and time with its offset, like 2025-02-01T10:00:00+01:00, not '{moment}'");
                        }

                        now = parsed;
                        break;
                    case "--storage":
                        storage = Value();
                        break;
                    case "--quiet":
                        quiet = true;
                        break;
                    default:
                        if (arg.StartsWith('-'))
                        {
                            return (null, $"unknown option '{arg}'");
                        }

                        rest.Add(arg);
                        break;
                }
            }
            catch (UsageException e)
            {
                return (null, e.Message);
            }
        }

        if (command == "registrations")
        {
            if (rest is not ["sync"])
            {
                return (null, rest.Count == 0 ? "registrations needs a subcommand: sync" : $"unknown registrations subcommand '{rest[0]}'");
            }
        }
        else if (rest.Count > 0)
        {
            return (null, $"unexpected argument '{rest[0]}'");
        }

        return (new CommandLine(command, rest, content, output, baseUrl, port, now, quiet, storage), null);
    }

    private sealed class UsageException(string message) : Exception(message);
}
