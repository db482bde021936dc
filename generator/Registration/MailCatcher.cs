using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WeekendCulturel.Generator.Registration;

/// <summary>
/// A real SMTP server that keeps every message it receives and shows them in a web inbox: MailDev, from the
/// project's npm packages in <c>functions/</c> beside Azurite (docs/email.md says why this one). <c>serve</c>
/// points the backend's relay at it, and the tests read what it caught through its HTTP API. Like Azurite, it
/// listens on free local ports only, and ends with the process that started it however that ends (the same
/// <c>azurite-guard.js</c> is loaded into it).
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _mailDirectory;
    private Process? _process;

    private MailCatcher(string script, string mailDirectory)
    {
        _script = script;
        _mailDirectory = mailDirectory;
    }

    /// <summary>Where MailDev's command is once <c>npm ci</c> has run in <c>functions/</c>.</summary>
    public static string Script => Path.Combine(ProjectPaths.Functions, "node_modules", "maildev", "dist", "bin", "maildev.js");

    public int SmtpPort { get; private set; }

    public int WebPort { get; private set; }

    /// <summary>The web inbox; its HTTP API is under <c>api/</c> (<c>api/email</c> lists what was caught).</summary>
    public Uri InboxUrl => new($"http://127.0.0.1:{WebPort.ToString(CultureInfo.InvariantCulture)}/");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Installs MailDev from npm when it is missing, then starts it with its messages kept as <c>.eml</c> files in
    /// <paramref name="mailDirectory"/> (so that the inbox outlives a restart). Throws
    /// <see cref="InvalidOperationException"/> or <see cref="TimeoutException"/>, saying why, when it cannot.
    /// </summary>
    public static async Task<MailCatcher> StartAsync(string mailDirectory)
    {
        await InstallAsync();
        var script = Script;
        Directory.CreateDirectory(mailDirectory);
        var catcher = new MailCatcher(script, mailDirectory);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                catcher.SmtpPort = AzuriteServer.FreePort();
                catcher.WebPort = AzuriteServer.FreePort();
                try
                {
                    await catcher.StartProcessAsync();
                    return catcher;
                }
                catch (InvalidOperationException) when (attempt < 4)
                {
                    // A free port can be taken by another process between finding it and MailDev binding it.
                    await catcher.StopAsync();
                }
            }
        }
        catch (Win32Exception e)
        {
            await catcher.DisposeAsync();
            throw new InvalidOperationException($"node could not be started for MailDev ({e.Message})", e);
        }
        catch
        {
            await catcher.DisposeAsync();
            throw;
        }
    }

    /// <summary>Installs MailDev (and Azurite beside it) with <c>npm ci</c> in <c>functions/</c> unless it is there already.</summary>
    public static async Task InstallAsync()
    {
        if (File.Exists(Script))
        {
            return;
        }

        var functions = ProjectPaths.Functions;
        Console.WriteLine("installing MailDev from npm (functions/package.json)...");
        try
        {
            using var install = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = functions })!;
            await install.WaitForExitAsync();
            if (install.ExitCode != 0 || !File.Exists(Script))
            {
                throw new InvalidOperationException($"could not install MailDev with 'npm ci' in {functions}");
            }
        }
        catch (Win32Exception)
        {
            throw new InvalidOperationException("MailDev is not installed and npm is not on PATH to install it");
        }
    }

    /// <summary>Stops it with SIGINT, as Ctrl+C would; killed if it has not stopped within 10 seconds.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            await ChildProcess.InterruptAsync(process);
        }

        _process?.Dispose();
        _process = null;
    }

    private async Task StartProcessAsync()
    {
        var (process, said) = ChildProcess.StartNode("MailDev", _mailDirectory, _script,
        [
            "--smtp", SmtpPort.ToString(CultureInfo.InvariantCulture), "--ip", "127.0.0.1",
            "--web", WebPort.ToString(CultureInfo.InvariantCulture), "--web-ip", "127.0.0.1",
            "--mail-directory", _mailDirectory,
        ]);
        _process = process;

        // MailDev opens its SMTP port before its web server: once the API answers, both are up.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var health = new Uri(InboxUrl, "api/healthz");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"MailDev stopped at start (exit code {process.ExitCode}) on ports {SmtpPort} and {WebPort}: {string.Join(" / ", said)}");
            }

            try
            {
                using var answer = await http.GetAsync(health);
                if (answer.StatusCode == HttpStatusCode.OK && await SmtpAnswersAsync())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"MailDev did not answer on ports {SmtpPort} and {WebPort} within 30 s");
    }

    private async Task<bool> SmtpAnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, SmtpPort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
