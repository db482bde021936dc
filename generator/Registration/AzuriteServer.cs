using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WeekendCulturel.Generator.Registration;

/// <summary>
/// A real Azurite (the Azure Storage emulator, from the project's npm packages in <c>functions/</c>) serving
/// Table Storage on a free local port: what <c>serve</c> and the tests use instead of a mock. It ends with the
/// process that started it, however that ends (see <c>azurite-guard.js</c>), and never shares its data folder
/// with another (see <see cref="DataFolderClaim"/>).
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // The emulator's well-known development account; it is public and only ever meant for local use.
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _script;
    private readonly string _dataDirectory;
    private readonly DataFolderClaim _claim;
    private Process? _process;

    private AzuriteServer(string script, string dataDirectory, DataFolderClaim claim, int port)
    {
        _script = script;
        _dataDirectory = dataDirectory;
        _claim = claim;
        Port = port;
    }

    public int Port { get; private set; }

    public string ConnectionString => ConnectionStringFor(Port);

    /// <summary>The connection string of an Azurite of ours listening on <paramref name="port"/> (the emulator's well-known account).</summary>
    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/{Account};";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Installs Azurite from npm when it is missing, then starts it with its data in <paramref name="dataDirectory"/>.</summary>
    public static async Task<AzuriteServer> StartAsync(string dataDirectory, int? port = null)
    {
        var functions = ProjectPaths.Functions;
        var script = Path.Combine(functions, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script))
        {
            Console.WriteLine("installing Azurite from npm (functions/package.json)...");
            var install = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = functions })!;
            await install.WaitForExitAsync();
            if (install.ExitCode != 0 || !File.Exists(script))
            {
                throw new InvalidOperationException($"could not install Azurite with 'npm ci' in {functions}");
            }
        }

        var server = new AzuriteServer(script, dataDirectory, await DataFolderClaim.TakeAsync(dataDirectory), port ?? FreePort());
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await server.StartProcessAsync();
                    return server;
                }
                catch (InvalidOperationException) when (port is null && attempt < 4)
                {
                    // A free port can be taken by another process between finding it and Azurite binding it.
                    server.Port = FreePort();
                }
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the emulator as an operator would, with SIGINT (Ctrl+C), which it handles: it closes its connections and saves its data
    /// (Azurite keeps tables in memory and writes them to disk from time to time, so a SIGKILL would lose the
    /// last seconds). Killed only if it does not stop within 10 seconds.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            await ChildProcess.InterruptAsync(process);
        }

        _process = null;
    }

    /// <summary>Starts it again on the same port with the same data.</summary>
    public Task RestartAsync() => StartProcessAsync();

    private async Task StartProcessAsync()
    {
        var (process, said) = ChildProcess.StartNode("Azurite", _dataDirectory, _script,
        [
            "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--location", _dataDirectory, "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
        ]);
        _process = process;

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite stopped at start (exit code {process.ExitCode}) on port {Port}: {string.Join(" / ", said)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                _claim.Record(process, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite did not answer on port {Port} within 30 s");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _claim.Dispose();
    }
}
