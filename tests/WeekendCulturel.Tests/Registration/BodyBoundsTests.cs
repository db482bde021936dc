using System.Net;
using System.Net.Http.Json;
using System.Text;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// Bodies that cannot be decoded are refused, and every body is bounded before it is read: the rate limit
/// first, then the size, then the parsing; cancel forms included.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BodyBoundsTests(AzuriteFixture azurite)
{
    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes("{\"sessions\":[\"small\"],\"lastName\":\"Martin\",\"email\":\"camille@example.org\",\"acceptPrivacy\":true,\"firstName\":\"Cam");
    private static readonly byte[] Suffix = Encoding.UTF8.GetBytes("ille\"}");

    public static TheoryData<string, string, byte[]> Undecodable => new()
    {
        { "an escaped lone surrogate in a JSON string", "application/json", Encoding.UTF8.GetBytes("{\"sessions\":[\"small\"],\"firstName\":\"\\ud800\",\"lastName\":\"Martin\",\"email\":\"camille@example.org\",\"acceptPrivacy\":true}") },
        { "an escaped lone surrogate in a JSON field name", "application/json", Encoding.UTF8.GetBytes("{\"sessions\":[\"small\"],\"first\\udc00\":\"x\"}") },
        { "a byte that is not UTF-8 in a JSON string", "application/json", [.. Prefix, 0xFF, .. Suffix] },
        { "a cut UTF-8 sequence in a JSON string", "application/json", [.. Prefix, 0xC3, .. Suffix] },
        { "a byte that is not UTF-8 in a form", "application/x-www-form-urlencoded", [.. Encoding.ASCII.GetBytes("sessions=small&lastName=Martin&email=camille%40example.org&acceptPrivacy=on&firstName=Cam"), 0xFF, .. Encoding.ASCII.GetBytes("ille")] },
        { "a percent-encoded byte that is not UTF-8 in a form", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes("sessions=small&lastName=Martin&email=camille%40example.org&acceptPrivacy=on&firstName=Cam%FFille") },
        { "a percent-encoded surrogate in a form", "application/x-www-form-urlencoded", Encoding.ASCII.GetBytes("sessions=small&lastName=Martin&email=camille%40example.org&acceptPrivacy=on&firstName=Cam%ED%A0%80ille") },
    };

    [Theory]
    [MemberData(nameof(Undecodable))]
    public async Task A_body_that_cannot_be_decoded_is_refused_as_malformed(string name, string contentType, byte[] body)
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await api.Client.PostAsync("/api/registrations", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, (await api.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
    }

    [Fact]
    public async Task Well_formed_accents_and_surrogate_pairs_still_go_through()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        using var json = new StringContent("{\"sessions\":[\"small\"],\"firstName\":\"Zo\\u00e9 \\ud83c\\udfa8\",\"lastName\":\"Lefèvre\",\"email\":\"zoe@example.org\",\"acceptPrivacy\":true}", Encoding.UTF8, "application/json");
        using var form = new ByteArrayContent(Encoding.ASCII.GetBytes("sessions=small&firstName=Ana%C3%AFs+%F0%9F%8E%A8&lastName=L%C3%A9a&email=anais%40example.org&acceptPrivacy=on&lang=fr"));
        form.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.Client.BaseAddress };

        Assert.Equal(HttpStatusCode.Created, (await api.Client.PostAsync("/api/registrations", json)).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await noRedirect.PostAsync("/api/registrations", form)).StatusCode);
        Assert.Equal(2, (await api.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
    }

    [Fact]
    public async Task An_oversized_form_to_a_cancel_route_is_refused_for_its_size()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var token = await TokenAsync(api);
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes("lang=fr&filler=" + new string('a', 8 * 1024 * 1024)));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");

        var response = await api.Client.PostAsync($"/api/registrations/{token}/cancel", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(1, (await api.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
    }

    [Fact]
    public async Task A_cancel_form_is_measured_as_it_arrives_and_not_read_whole()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var token = await TokenAsync(api);

        var status = await StatusBeforeTheEndOfTheBodyAsync(api, $"/api/registrations/{token}/cancel", Encoding.ASCII.GetBytes("lang=fr&filler=" + new string('a', 20 * 1024)), declaredLength: null);

        Assert.Equal(413, status);
        Assert.Equal(1, (await api.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
    }

    [Theory]
    [InlineData("/api/registrations")]
    [InlineData("/api/newsletter")]
    [InlineData("/api/registrations/{token}/cancel")]
    [InlineData("/api/registrations/{token}/sessions/small/cancel")]
    public async Task The_rate_limit_answers_before_the_body_is_read(string route)
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard, rateLimit: 1);
        var token = await TokenAsync(api);

        var status = await StatusBeforeTheEndOfTheBodyAsync(api, route.Replace("{token}", token, StringComparison.Ordinal), Encoding.ASCII.GetBytes("lang=fr&filler=aaaa"), declaredLength: 1024 * 1024);

        Assert.Equal(429, status);
    }

    /// <summary>Registers someone for "small" (using the one POST a rate limit of 1 allows) and gives the manage token.</summary>
    private static async Task<string> TokenAsync(ApiServer api)
    {
        var registered = await api.Client.PostAsJsonAsync("/api/registrations", ApiServer.Person(1, "small"));
        return (await ApiServer.JsonAsync(registered)).GetProperty("manageToken").GetString()!;
    }

    /// <summary>
    /// Posts a form whose body never ends (only its first bytes are sent, chunked when no length is declared)
    /// and gives the status of the answer: only an answer given before the body is read whole arrives.
    /// </summary>
    private static async Task<int> StatusBeforeTheEndOfTheBodyAsync(ApiServer api, string path, byte[] first, long? declaredLength)
    {
        var address = api.Client.BaseAddress!;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var head = new StringBuilder()
            .Append("POST ").Append(path).Append(" HTTP/1.1\r\nHost: ").Append(address.Authority).Append("\r\n")
            .Append("Content-Type: application/x-www-form-urlencoded\r\n")
            .Append(declaredLength is { } length ? $"Content-Length: {length}\r\n" : "Transfer-Encoding: chunked\r\n")
            .Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(declaredLength is null ? [.. Encoding.ASCII.GetBytes($"{first.Length:x}\r\n"), .. first, .. "\r\n"u8.ToArray()] : first);
        await stream.FlushAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var answer = new List<byte>();
        var buffer = new byte[1];
        try
        {
            while (!(answer.Count >= 2 && answer[^2] == (byte)'\r' && answer[^1] == (byte)'\n') && await stream.ReadAsync(buffer, timeout.Token) == 1)
            {
                answer.Add(buffer[0]);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{path}: no answer while the body was still arriving: the server waited to read it whole");
        }

        // "HTTP/1.1 413 Payload Too Large"
        return int.Parse(Encoding.ASCII.GetString([.. answer]).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
