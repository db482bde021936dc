using System.Globalization;

namespace WeekendCulturel.Bench.Rush;

/// <summary>
/// CPU time used by serve, its Azurite and this tool (from <c>/proc</c>, Linux only). On a shared machine
/// the rates move with everything else that runs; CPU milliseconds per operation move much less, so they
/// are printed next to the rates (on stderr) to tell where the time goes.
/// </summary>
public sealed class CpuMeter(int servePid)
{
    // /proc/PID/stat counts in clock ticks, which are 1/100 s on Linux.
    private const double TicksPerSecond = 100;

    // Azurite's own script, not the guard that serve loads into each of its node children (MailDev's too).
    private readonly int? _azuritePid = FindChild(servePid, "node_modules/azurite/");

    public CpuSample Sample() => new(Seconds(servePid), _azuritePid is { } a ? Seconds(a) : 0, Seconds(Environment.ProcessId));

    private static double Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static int? FindChild(int parent, string commandPart)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var ppid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (ppid == parent && File.ReadAllText(Path.Combine(folder, "cmdline")).Contains(commandPart, StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return null;
    }
}

/// <summary>CPU seconds used so far by serve, Azurite and this tool.</summary>
public sealed record CpuSample(double Serve, double Azurite, double Tool)
{
    public static CpuSample operator -(CpuSample a, CpuSample b) => new(a.Serve - b.Serve, a.Azurite - b.Azurite, a.Tool - b.Tool);

    public static CpuSample operator +(CpuSample a, CpuSample b) => new(a.Serve + b.Serve, a.Azurite + b.Azurite, a.Tool + b.Tool);

    /// <summary>CPU milliseconds per operation, by process.</summary>
    public string PerOperation(int operations) => operations == 0 ? "no operation" : string.Create(CultureInfo.InvariantCulture,
        $"CPU per operation: serve {Serve * 1000 / operations:F2} ms, Azurite {Azurite * 1000 / operations:F2} ms, this tool {Tool * 1000 / operations:F2} ms");
}
