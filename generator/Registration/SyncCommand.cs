using Microsoft.Extensions.DependencyInjection;
using WeekendCulturel.Generator.Cli;
using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Generator.Registration;

/// <summary>
/// <c>registrations sync</c>: builds the site in memory and puts its sessions (capacities, windows), the
/// event's last day and the page shells into registration storage. Run after each publication.
/// </summary>
public static class SyncCommand
{
    public static async Task<int> RunAsync(SiteBuilder builder, BuildOptions options, CommandLine line)
    {
        var build = builder.Rehearse(options);
        ConsoleReport.Print(build, "build", line.Quiet);
        if (!build.Succeeded)
        {
            return 1;
        }

        await using var registration = await LocalRegistration.StartForAsync("registrations", line.Storage, ShiftedClock.For(line.Now), Path.GetFullPath(".data"));
        if (registration is null)
        {
            return 1;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        registration.AddTo(services);
        await using var provider = services.BuildServiceProvider();
        try
        {
            var report = await LocalRegistration.SyncAsync(provider, build);
            foreach (var change in report)
            {
                Console.WriteLine("registrations: " + change);
            }

            Console.WriteLine($"registrations sync: done ({registration.StorageDescription}), {report.Count} change(s)");
            return 0;
        }
        catch (StorageUnavailableException e)
        {
            Console.Error.WriteLine($"error: registration storage is unavailable ({e.Message})");
            return 1;
        }
    }
}
