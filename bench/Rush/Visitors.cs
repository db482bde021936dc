using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace WeekendCulturel.Bench.Rush;

/// <summary>
/// Simulated visitors, each with its own loopback address (127.1.0.1, 127.1.0.2, ...: Linux routes all of
/// 127.0.0.0/8 to the loopback interface). The API limits POSTs per client address, so distinct addresses
/// are distinct clients to it, exactly as distinct people would be; the limit itself stays as it is.
/// </summary>
public sealed class Visitors(Uri server)
{
    /// <summary>A visitor sends at most this many requests: well under the API's 20 POSTs per address per minute.</summary>
    public const int RequestsPerVisitor = 10;

    private int _next;

    public int Count => Volatile.Read(ref _next);

    /// <summary>A new visitor: an HTTP client whose connections leave from a loopback address nobody used before.</summary>
    public HttpClient Next()
    {
        var n = Interlocked.Increment(ref _next) - 1;
        var address = new IPAddress([127, (byte)(1 + (n / (254 * 256))), (byte)(n / 254 % 256), (byte)(1 + (n % 254))]);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = async (context, cancellation) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(address, 0));
                    await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, cancellation);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(5) };
    }

    /// <summary>A registration as the site's form sends it (shared/registration-api.md).</summary>
    public static HttpRequestMessage Registration(string session, string person)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new RegistrationBody([session], "Rush", person, $"{person}@example.org", "", "fr", AcceptWaitlist: true, AcceptPrivacy: true, Website: ""),
            JsonSerializerOptions.Web);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, "api/registrations") { Content = content };
    }

    private sealed record RegistrationBody(
        string[] Sessions,
        string FirstName,
        string LastName,
        string Email,
        string Organisation,
        string Lang,
        bool AcceptWaitlist,
        bool AcceptPrivacy,
        string Website);
}
