using System.Net;
using System.Net.Sockets;
using System.Text;
using WeekendCulturel.Generator.Registration;

namespace WeekendCulturel.Tests.Support;

/// <summary>
/// A TCP relay between the API and a real Azurite that can lose the network at an exact point of a
/// request: once it has relayed the answers of a given number of transactions (<c>$batch</c>, answered
/// <c>202</c>), it drops every connection and every new one until it is mended. Stopping Azurite instead
/// cannot be timed between two sessions of one request; this cuts there every time.
/// </summary>
public sealed class StorageRelay : IAsyncDisposable
{
    private static readonly byte[] TransactionAnswer = Encoding.ASCII.GetBytes("HTTP/1.1 202 ");

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly AzuriteServer _azurite;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _open = [];
    private readonly Task _accepting;
    private int _transactionsLeft = int.MaxValue;
    private volatile bool _cut;

    private StorageRelay(AzuriteServer azurite)
    {
        _azurite = azurite;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public static StorageRelay Start(AzuriteServer azurite) => new(azurite);

    /// <summary>Azurite's connection string, pointing at the relay.</summary>
    public string ConnectionString => _azurite.ConnectionString.Replace($":{_azurite.Port}/", $":{((IPEndPoint)_listener.LocalEndpoint).Port}/", StringComparison.Ordinal);

    /// <summary>Relays <paramref name="transactions"/> more transactions with their answers, then loses the network.</summary>
    public void CutAfterTransactions(int transactions) => Volatile.Write(ref _transactionsLeft, transactions);

    /// <summary>The network is back: everything is relayed again.</summary>
    public void Mend()
    {
        Volatile.Write(ref _transactionsLeft, int.MaxValue);
        _cut = false;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            if (_cut)
            {
                client.Dispose();
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        lock (_open)
        {
            _open.Add(client);
            _open.Add(server);
        }

        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _azurite.Port, _stop.Token);
            await Task.WhenAny(PumpAsync(client, server, requests: true), PumpAsync(server, client, requests: false));
        }
        catch (Exception)
        {
            // A connection closed from either side, or the relay stopping: the other side sees it closed.
        }
        finally
        {
            client.Dispose();
            server.Dispose();
            lock (_open)
            {
                _open.Remove(client);
                _open.Remove(server);
            }
        }
    }

    /// <summary>
    /// Copies one direction. The answers' direction counts the transactions answered; a request that comes
    /// after the last one allowed loses the network. Cutting on the next request rather than on the answer
    /// leaves that answer whole: a client sends its next request only once it has read the previous answer.
    /// </summary>
    private async Task PumpAsync(Socket from, Socket to, bool requests)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read == 0 || _cut)
            {
                return;
            }

            if (requests && Volatile.Read(ref _transactionsLeft) <= 0)
            {
                Cut();
                return;
            }

            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            if (!requests && Transactions(buffer.AsSpan(0, read)) is > 0 and var answered)
            {
                Interlocked.Add(ref _transactionsLeft, -answered);
            }
        }
    }

    private static int Transactions(ReadOnlySpan<byte> data)
    {
        var count = 0;
        for (var at = data.IndexOf(TransactionAnswer); at >= 0; at = data.IndexOf(TransactionAnswer))
        {
            count++;
            data = data[(at + TransactionAnswer.Length)..];
        }

        return count;
    }

    private void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var socket in _open)
            {
                try
                {
                    socket.Shutdown(SocketShutdown.Both);
                }
                catch (SocketException)
                {
                    // Closed already.
                }
                catch (ObjectDisposedException)
                {
                    // Closed already.
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Cut();
        _stop.Dispose();
    }
}
