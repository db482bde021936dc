using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace WeekendCulturel.Bench.Rush;

/// <summary>
/// The built generator's <c>serve</c>, run in the run's own folder: its <c>.data/</c> (Azurite's tables,
/// the admin and email-hash keys) is then new for each run. Stopped with SIGINT, as an operator would, which
/// also stops the Azurite it started.
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    /// <summary>The moment the API's clock starts at: inside the registration window (opens 20 January 2025).</summary>
    public const string Now = "2025-02-01T10:00:00+01:00";

    // Azurite's well-known development account, public and for local use only (as in generator/Registration/AzuriteServer.cs).
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closed;

    private ServeProcess(Process process, int port, string logFile)
    {
        _process = process;
        Port = port;
        LogFile = logFile;
        _log = new StreamWriter(logFile) { AutoFlush = true };
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public string LogFile { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public int? AzuritePort { get; private set; }

    public string? AdminKey { get; private set; }

    public string AzuriteConnectionString => AzuritePort is { } port
        ? $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};TableEndpoint=http://127.0.0.1:{port}/{DevAccount};"
        : throw new InvalidOperationException("serve did not say which Azurite it started");

    /// <summary>Starts serve on a free port with <paramref name="workFolder"/> as its working folder, and waits until /api answers.</summary>
    public static async Task<ServeProcess> StartAsync(string repository, string workFolder, string contentFolder, CancellationToken cancellation)
    {
        var generator = Path.Combine(repository, "generator", "bin", "Release", "net10.0", "weekend-culturel.dll");
        if (!File.Exists(generator))
        {
            throw new InvalidOperationException($"{generator} is missing: dotnet build -c Release generator");
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { generator, "serve", "--content", contentFolder, "--output", Path.Combine(workFolder, "_site"), "--port", port.ToString(CultureInfo.InvariantCulture), "--now", Now })
        {
            start.ArgumentList.Add(arg);
        }

        // The run must use the Azurite that serve starts in the run's folder, with the API's own settings (the
        // rate limit included): settings of the caller's environment would make the run depend on it.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Registration__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var serve = new ServeProcess(process, port, Path.Combine(workFolder, "serve.log"));
        process.OutputDataReceived += (_, e) => serve.Heard(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Heard(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await serve.WaitUntilAnsweringAsync(cancellation);
        }
        catch
        {
            await serve.DisposeAsync();
            throw;
        }

        return serve;
    }

    private void Heard(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (!_closed)
            {
                _log.WriteLine(line);
            }
        }

        if (AzuriteLine().Match(line) is { Success: true } azurite)
        {
            AzuritePort = int.Parse(azurite.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        else if (AdminKeyLine().Match(line) is { Success: true } key)
        {
            AdminKey = key.Groups[1].Value;
        }
        else if (line.StartsWith("serving ", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellation)
    {
        // The first build, npm ci of Azurite on a fresh clone and the sync of the sessions take a while.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(TimeSpan.FromMinutes(3));
        var exited = _process.WaitForExitAsync(deadline.Token);
        if (await Task.WhenAny(_ready.Task, exited) != _ready.Task)
        {
            cancellation.ThrowIfCancellationRequested();
            throw new InvalidOperationException(_process.HasExited
                ? $"serve stopped at start (exit code {_process.ExitCode}); see {LogFile}"
                : $"serve did not start within 3 minutes; see {LogFile}");
        }

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        while (true)
        {
            deadline.Token.ThrowIfCancellationRequested();
            try
            {
                using var response = await http.GetAsync("api/sessions", deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, deadline.Token);
        }

        if (AzuritePort is null || AdminKey is null)
        {
            throw new InvalidOperationException($"serve did not print its Azurite port and admin key; see {LogFile}");
        }
    }

    /// <summary>SIGINT, then up to 30 seconds for serve (and its Azurite) to stop; killed only after that.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using (var interrupt = Process.Start(new ProcessStartInfo("kill", $"-INT {_process.Id}") { UseShellExecute = false }))
            {
                await interrupt!.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^registration storage: Azurite on 127\.0\.0\.1:(\d+)")]
    private static partial Regex AzuriteLine();

    [GeneratedRegex(@"x-functions-key: ([^']+)'")]
    private static partial Regex AdminKeyLine();
}
