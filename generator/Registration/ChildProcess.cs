using System.Diagnostics;

namespace WeekendCulturel.Generator.Registration;

/// <summary>The local servers serve starts (Azurite, the mail catcher) are stopped the same way.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Starts a Node.js server of serve's under the guard that ends it with serve (<c>azurite-guard.js</c>), in
    /// its own working folder (the caller's may be a folder a test deletes while node is still loading), and
    /// keeps the first lines it says, for the error when it stops at start.
    /// </summary>
    public static (Process Process, System.Collections.Concurrent.ConcurrentQueue<string> Said) StartNode(string name, string workingDirectory, string script, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--require", Path.Combine(AppContext.BaseDirectory, "azurite-guard.js"), script }.Concat(arguments))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start node for {name}");
        var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null && said.Count < 50) { said.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null && said.Count < 50) { said.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, said);
    }

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
