using System.Net;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>
/// serve's Azurite ends with it, however serve ends (even killed outright), and is never doubled on one data
/// folder. A class of its own, apart from <see cref="ServeCommandTests"/>, so that the two run side by side:
/// each starts several serve processes and waits on them.
/// </summary>
public sealed class ServeLifecycleTests
{
    [Fact]
    public async Task A_second_serve_refuses_a_data_folder_in_use_and_a_killed_serve_leaves_no_azurite_behind()
    {
        using var copy = new ContentCopy();
        var data = ServeProcess.AzuriteDataOf(copy.Root);
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

            await third.AssertStopsCleanlyAsync("INT", data);
        }
        finally
        {
            ServeProcess.StopAzuritesOn(data);
        }
    }
}
