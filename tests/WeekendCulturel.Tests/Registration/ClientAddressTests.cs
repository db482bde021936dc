using System.Globalization;
using System.Net;
using System.Text;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// The rate limit counts per client address: the one the trusted proxies add to X-Forwarded-For (counted
/// from the right), never what the client writes itself; IPv6 by /64; an unreadable address alone.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClientAddressTests(AzuriteFixture azurite)
{
    private Task<ApiServer> Start(int trustedProxies) => ApiServer.StartAsync(azurite.Server, TestSessions.Standard, rateLimit: 1,
        settings: new Dictionary<string, string?> { ["Registration:TrustedProxies"] = trustedProxies.ToString(CultureInfo.InvariantCulture) });

    /// <summary>One newsletter POST (the limit is one per minute) as if sent through proxies that wrote <paramref name="forwardedFor"/>.</summary>
    private static async Task<HttpStatusCode> PostAsync(ApiServer api, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/newsletter")
        {
            Content = new StringContent("{\"email\":\"lecteur@example.org\",\"acceptPrivacy\":true}", Encoding.UTF8, "application/json"),
        };
        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        return (await api.Client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task A_new_forwarded_header_per_request_does_not_escape_the_limit()
    {
        // Locally nothing stands between the client and the server: the header is the client's own words.
        await using var api = await Start(trustedProxies: 0);

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(api, "198.51.100.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(api, "198.51.100.2"));
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_address_it_adds_counts_not_what_the_client_wrote()
    {
        await using var api = await Start(trustedProxies: 1);

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(api, "198.51.100.1, 203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(api, "198.51.100.2, 203.0.113.7"));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(api, "198.51.100.1, 203.0.113.8"));
    }

    [Fact]
    public async Task Two_trusted_proxies_point_at_the_address_the_outer_one_added()
    {
        await using var api = await Start(trustedProxies: 2);

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(api, "198.51.100.1, 203.0.113.7, 192.0.2.10:443"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(api, "198.51.100.9, 203.0.113.7, 192.0.2.11:443"));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(api, "203.0.113.8, 192.0.2.10:443"));
    }

    [Fact]
    public async Task IPv6_clients_are_counted_per_64_bit_prefix()
    {
        await using var api = await Start(trustedProxies: 1);

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(api, "2001:db8:1:1::1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(api, "2001:db8:1:1:ffff::2"));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(api, "2001:db8:1:2::1"));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(api, "2001:db9:1:1::1"));
    }

    [Fact]
    public async Task An_address_written_with_its_port_is_read_as_the_address()
    {
        await using var api = await Start(trustedProxies: 1);

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(api, "[2001:db8:1:1::1]:51000"));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(api, "[2001:db8:1:2::1]:51000"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(api, "[2001:db8:1:2::7]:52000"));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(api, "203.0.113.7:51000"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(api, "203.0.113.7:52000"));
    }

    [Fact]
    public async Task An_unreadable_address_shares_no_bucket_with_others()
    {
        await using var api = await Start(trustedProxies: 1);

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(api, null));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(api, "unknown"));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(api, "not-an-address"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(api, "not-an-address"));
    }
}
