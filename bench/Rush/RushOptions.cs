using System.Globalization;

namespace WeekendCulturel.Bench.Rush;

/// <summary>What to run and how hard: <c>rush [--sessions-rush N] [--seconds S] [--warm-up S] [--slices N] [--workers W] [--pollers P] [--poll-interval MS] [rush|throughput|all|pollers]</c>.</summary>
public sealed record RushOptions(int RushRequests, int Seconds, int WarmUpSeconds, int Slices, int Workers, int Pollers, int PollIntervalMs, bool RunRush, bool RunThroughput, bool RunPollers, string Repository)
{
    public ThroughputPlan Throughput => new(Workers, Seconds, WarmUpSeconds, Slices);

    public const string Usage = "usage: bench/rush [--sessions-rush 2000] [--seconds 30] [--warm-up 15] [--slices 6] [--workers 64] [--pollers 24] [--poll-interval 0] [--repository DIR] [rush|throughput|all|pollers]";

    /// <summary>The parsed options, or the reason they are wrong.</summary>
    public static (RushOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var rush = 2000;
        var seconds = 30;

        // Long enough for the runtimes to settle: in serve's first 15 s under load, .NET recompiles about ten
        // thousand hot methods at its top tier, and that JIT work is not what a registration costs.
        var warmUp = 15;
        var workers = 64;

        // Visitors loading session pages at opening time, each page asking for the live seats.
        var pollers = 24;

        // 0: each poller asks again as soon as it is answered; else at most once per this many milliseconds.
        var pollInterval = 0;

        // Six pairs of 5 s slices by default: short enough to follow the host's load, long enough that the
        // requests in flight at a slice's end are few against the thousands it counts.
        var slices = 6;
        var mode = "all";
        string? repository = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--sessions-rush" or "--seconds" or "--warm-up" or "--slices" or "--workers" or "--pollers" or "--poll-interval":
                    if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                    {
                        return (null, $"{arg} needs a positive whole number");
                    }

                    i++;
                    if (arg == "--sessions-rush")
                    {
                        rush = n;
                    }
                    else if (arg == "--seconds")
                    {
                        seconds = n;
                    }
                    else if (arg == "--warm-up")
                    {
                        warmUp = n;
                    }
                    else if (arg == "--slices")
                    {
                        slices = n;
                    }
                    else if (arg == "--pollers")
                    {
                        pollers = n;
                    }
                    else if (arg == "--poll-interval")
                    {
                        pollInterval = n;
                    }
                    else
                    {
                        workers = n;
                    }

                    break;
                case "--repository":
                    if (i + 1 >= args.Count)
                    {
                        return (null, "--repository needs a folder");
                    }

                    repository = args[++i];
                    break;
                case "rush" or "throughput" or "all" or "pollers":
                    mode = arg;
                    break;
                default:
                    return (null, $"unknown argument '{arg}'");
            }
        }

        repository = Path.GetFullPath(repository ?? FindRepository());
        if (!File.Exists(Path.Combine(repository, "WeekendCulturel.sln")))
        {
            return (null, $"{repository} is not the repository (no WeekendCulturel.sln); give --repository DIR");
        }

        return (new RushOptions(rush, seconds, warmUp, slices, workers, pollers, pollInterval, mode is "rush" or "all", mode is "throughput" or "all", mode is "pollers", repository), null);
    }

    /// <summary>The repository this tool was built in: the first parent of its binary that holds the solution.</summary>
    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "WeekendCulturel.sln")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
