using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace WeekendCulturel.Tests.Support;

/// <summary>
/// The built generator's <c>serve</c> run as a user runs it: its own process and working folder (where its
/// <c>content/</c>, <c>_site/</c> and <c>.data/</c> are), on a free port, so that a test can break a file under
/// it, signal it, and look for the Azurite it started.
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "weekend-culturel.dll");

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly TaskCompletionSource _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}"), Timeout = TimeSpan.FromSeconds(20) };
    }

    public int Id => _process.Id;

    public int Port { get; }

    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public string Output => string.Join('\n', _output);

    public string Errors => string.Join('\n', _errors);

    /// <summary>The inbox of the mail catcher serve printed (<c>e-mails sent: URL</c>), or null when it printed none.</summary>
    public Uri? Inbox => InboxLine().Match(Output) is { Success: true } line ? new Uri(line.Groups[1].Value) : null;

    /// <summary>The connection string of the Azurite serve printed it started (<c>Azurite on 127.0.0.1:PORT</c>).</summary>
    public string StorageConnectionString =>
        AzuriteLine().Match(Output) is { Success: true } line
            ? Generator.Registration.AzuriteServer.ConnectionStringFor(int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"serve printed no Azurite:\n{Output}");

    /// <summary>Starts <c>serve --port N</c> and the given options in <paramref name="workingDirectory"/>.</summary>
    public static ServeProcess Start(string workingDirectory, params string[] options) => Start(workingDirectory, new Dictionary<string, string>(), options);

    /// <summary>The same, with <paramref name="settings"/> added to its environment (<c>Registration__...</c>).</summary>
    public static ServeProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> settings, params string[] options)
    {
        var port = Generator.Registration.AzuriteServer.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Dll, "serve", "--port", port.ToString(CultureInfo.InvariantCulture) }.Concat(options))
        {
            start.ArgumentList.Add(arg);
        }

        // Its own Azurite in its own folder, whatever the environment of the test run says.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Registration__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var serve = new ServeProcess(process, port);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                serve._output.Enqueue(line);
                if (line.StartsWith("serving ", StringComparison.Ordinal))
                {
                    serve._serving.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                serve._errors.Enqueue(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>Waits until serve says it is serving; fails with what it printed if it stops or takes too long.</summary>
    public async Task WaitUntilServingAsync()
    {
        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(_serving.Task, exited, Task.Delay(TimeSpan.FromMinutes(3)));
        if (done != _serving.Task)
        {
            throw new InvalidOperationException($"serve did not start ({(_process.HasExited ? $"exit code {_process.ExitCode}" : "still starting")}):\n{Output}\n{Errors}");
        }
    }

    /// <summary>Waits for the process to end and gives its exit code, or null if it is still running after <paramref name="wait"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        // The last lines may still be on their way from the redirected streams.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends a signal (TERM, INT, KILL) as an operator would with <c>kill</c>.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{name} {_process.Id}") { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>The running Azurite processes whose data folder is <paramref name="dataDirectory"/>.</summary>
    public static IReadOnlyList<int> AzuritesOn(string dataDirectory) => RunningProcesses.WithOption("--location", dataDirectory);

    /// <summary>The folder where serve, started in <paramref name="workingDirectory"/>, keeps its Azurite's data.</summary>
    public static string AzuriteDataOf(string workingDirectory) => Path.Combine(workingDirectory, ".data", "azurite");

    /// <summary>Ends whatever Azurite a failed test left on the folder, so that the test run does not leak it.</summary>
    public static void StopAzuritesOn(string dataDirectory) => RunningProcesses.Kill(AzuritesOn(dataDirectory));

    /// <summary>Signalled, serve exits with 0 and leaves no Azurite on its data folder.</summary>
    public async Task AssertStopsCleanlyAsync(string signal, string dataDirectory)
    {
        Signal(signal);
        Assert.Equal(0, await WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(await AzuritesLeftOnAsync(dataDirectory, TimeSpan.FromSeconds(15)));
    }

    /// <summary>Waits until no Azurite runs on the folder; gives those still running after <paramref name="wait"/>.</summary>
    public static Task<IReadOnlyList<int>> AzuritesLeftOnAsync(string dataDirectory, TimeSpan wait) => RunningProcesses.LeftAfterAsync(() => AzuritesOn(dataDirectory), wait);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal("INT");
            if (await WaitForExitAsync(TimeSpan.FromSeconds(20)) is null)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        Http.Dispose();
        _process.Dispose();
    }

    [GeneratedRegex(@"^e-mails sent: (\S+)", RegexOptions.Multiline)]
    private static partial Regex InboxLine();

    [GeneratedRegex(@"Azurite on 127\.0\.0\.1:(\d+)")]
    private static partial Regex AzuriteLine();
}
