using System.Diagnostics;
using System.Net;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>
/// <c>serve</c> as a process, the way an editor runs it: it outlives broken content, its clock runs, and its
/// Azurite ends with it, however it ends, and is never doubled on one data folder.
/// </summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task A_second_serve_refuses_a_data_folder_in_use_and_a_killed_serve_leaves_no_azurite_behind()
    {
        using var copy = new ContentCopy();
        var data = DataFolder(copy);
        try
        {
            await using var first = ServeProcess.Start(copy.Root, "--output", Path.Combine(copy.Root, "_first"));
            await first.WaitUntilServingAsync();
            Assert.Single(ServeProcess.AzuritesOn(data));

            await using (var second = ServeProcess.Start(copy.Root, "--output", Path.Combine(copy.Root, "_second")))
            {
                var code = await second.WaitForExitAsync(TimeSpan.FromMinutes(2));
                Assert.True(code == 1, $"the second serve: exit code {code?.ToString() ?? "none, still running"}\n{second.Output}\n{second.Errors}");
                var said = Assert.Single(second.Errors.Split('\n'));
                Assert.StartsWith("serve: error: ", said, StringComparison.Ordinal);
                Assert.Contains($"kill {first.Id}", said, StringComparison.Ordinal);
            }

            Assert.Single(ServeProcess.AzuritesOn(data));

            // Killed outright, serve runs no code at all: its Azurite must notice by itself.
            first.Signal("KILL");
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
            Assert.Empty(await ServeProcess.AzuritesLeftOnAsync(data, TimeSpan.FromSeconds(15)));

            await using var third = ServeProcess.Start(copy.Root, "--output", Path.Combine(copy.Root, "_third"));
            await third.WaitUntilServingAsync();
            Assert.Single(ServeProcess.AzuritesOn(data));
            Assert.Equal(HttpStatusCode.OK, (await third.Http.GetAsync("/api/sessions")).StatusCode);

            third.Signal("INT");
            Assert.Equal(0, await third.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Empty(await ServeProcess.AzuritesLeftOnAsync(data, TimeSpan.FromSeconds(15)));
        }
        finally
        {
            StopAzuritesOn(data);
        }
    }

    private static string DataFolder(ContentCopy copy) => Path.Combine(copy.Root, ".data", "azurite");

    /// <summary>Ends whatever Azurite a failed test left on the folder, so that the test run does not leak it.</summary>
    private static void StopAzuritesOn(string data)
    {
        foreach (var pid in ServeProcess.AzuritesOn(data))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }
}
