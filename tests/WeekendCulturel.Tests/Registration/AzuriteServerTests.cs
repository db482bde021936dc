using WeekendCulturel.Generator.Registration;

namespace WeekendCulturel.Tests.Registration;

/// <summary>The real Azurite, started the way serve and the tests start it.</summary>
public sealed class AzuriteServerTests
{
    [Fact]
    public async Task Azurite_runs_in_its_own_folder_not_in_the_callers()
    {
        // The working folder belongs to the whole calling process, and tests that build a copied site make the
        // copy current for a moment, then delete it. A node started in such a folder (the outage test
        // restarting Azurite, in one CI run) found it gone while loading its modules, and stopped.
        var data = Path.Combine(Path.GetTempPath(), "wc-azurite", Guid.NewGuid().ToString("N"));
        await using (var server = await AzuriteServer.StartAsync(data))
        {
            var node = Directory.GetDirectories("/proc")
                .Select(Path.GetFileName)
                .Where(name => int.TryParse(name, out _))
                .Single(pid => CommandLine(pid!).Contains(data, StringComparison.Ordinal));

            Assert.Equal(data, new DirectoryInfo($"/proc/{node}/cwd").LinkTarget);
        }

        Directory.Delete(data, recursive: true);
    }

    private static string CommandLine(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            // The process ended between listing and reading.
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
