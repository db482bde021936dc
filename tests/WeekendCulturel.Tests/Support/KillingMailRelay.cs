using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace WeekendCulturel.Tests.Support;

/// <summary>
/// An SMTP relay that takes the first message whole, then has its sender killed outright (SIGKILL) before
/// answering that it took it: from the sender's side the message was committed and never confirmed sent,
/// the worst moment for a crash. Until <see cref="Open"/> it keeps its greeting back, so that a test can
/// commit more messages while the sender waits. It speaks just enough SMTP for MailKit; the messages are
/// then sent for real, to the catcher of the restarted serve.
/// </summary>
public sealed partial class KillingMailRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _taken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly Action _kill;

    private KillingMailRelay(Action kill)
    {
        _kill = kill;
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>A relay that runs <paramref name="kill"/> (which kills the sender) once it has taken a message.</summary>
    public static KillingMailRelay Start(Action kill) => new(kill);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>serve's settings that send through this relay.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Registration__Smtp__Host"] = "127.0.0.1",
        ["Registration__Smtp__Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Registration__Smtp__Security"] = "None",
    };

    /// <summary>The <c>Message-ID</c> of the message taken just before the kill.</summary>
    public Task<string> Taken => _taken.Task;

    /// <summary>Greets the connection that waits, and any later one.</summary>
    public void Open() => _open.TrySetResult();

    private async Task ServeAsync()
    {
        try
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await _open.Task.WaitAsync(_stop.Token);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 killing-relay ESMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } command)
            {
                var verb = command.Split(' ', 2)[0].ToUpperInvariant();
                if (verb == "DATA")
                {
                    await writer.WriteLineAsync("354 go on");
                    var message = new StringBuilder();
                    while (await reader.ReadLineAsync(_stop.Token) is { } line && line != ".")
                    {
                        message.AppendLine(line);
                    }

                    // Taken whole, never acknowledged: the sender dies waiting for the answer.
                    _kill();

                    var id = MessageIdHeader().Match(message.ToString());
                    _taken.TrySetResult(id.Success ? id.Groups[1].Value : "");
                    return;
                }

                await writer.WriteLineAsync(verb switch
                {
                    "EHLO" or "HELO" => "250 killing-relay",
                    "QUIT" => "221 bye",
                    _ => "250 ok",
                });
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _taken.TrySetResult("");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }

    [GeneratedRegex(@"^Message-Id:\s*<([^>]+)>", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdHeader();
}
