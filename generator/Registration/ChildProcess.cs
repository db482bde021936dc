using System.Diagnostics;

namespace WeekendCulturel.Generator.Registration;

/// <summary>The local servers serve starts (Azurite, the mail catcher) are stopped the same way.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Stops a process with SIGINT, as Ctrl+C would, so that it can close its connections and save its data;
    /// killed with its children only if it has not stopped within 10 seconds.
    /// </summary>
    public static async Task InterruptAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var interrupt = Process.Start(new ProcessStartInfo("kill", $"-INT {process.Id}") { UseShellExecute = false }))
        {
            await interrupt!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
