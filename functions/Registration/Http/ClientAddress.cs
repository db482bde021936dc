using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// Who a request comes from, as the rate limit counts it. Each trusted proxy appends to X-Forwarded-For the
/// address it received the request from, so the client is the entry the outermost of them wrote, counted
/// from the right; everything to its left was written by the client and proves nothing.
/// </summary>
public static class ClientAddress
{
    private const string NoAddress = "no-address";

    /// <summary>The key under which this request's client is counted.</summary>
    public static string BucketOf(HttpRequest request, int trustedProxies)
    {
        if (trustedProxies > 0 && AddedByTrustedProxies(request.Headers["X-Forwarded-For"], trustedProxies) is { } written)
        {
            // Unreadable text gets a bucket of its own: falling back to the connection's address would put
            // everyone behind the proxies in one bucket.
            return TryParse(written, out var address) ? Bucket(address) : "unreadable:" + written;
        }

        return request.HttpContext.Connection.RemoteIpAddress is { } connection ? Bucket(connection) : NoAddress;
    }

    /// <summary>The entry the outermost of <paramref name="trustedProxies"/> proxies appended, or null without any.</summary>
    public static string? AddedByTrustedProxies(StringValues headers, int trustedProxies)
    {
        var entries = headers.SelectMany(h => (h ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        // A client can only add entries on the left: a chain shorter than the proxies holds only theirs.
        return entries.Count == 0 ? null : entries[Math.Max(0, entries.Count - trustedProxies)];
    }

    /// <summary>An address as proxies write it: bare, or with its port ("203.0.113.7:51000", "[2001:db8::1]:51000").</summary>
    public static bool TryParse(string text, out IPAddress address)
    {
        if (IPAddress.TryParse(text, out var bare))
        {
            address = bare;
            return true;
        }

        if (IPEndPoint.TryParse(text, out var endpoint))
        {
            address = endpoint.Address;
            return true;
        }

        address = IPAddress.None;
        return false;
    }

    /// <summary>IPv4 per address; IPv6 per /64, the block one subscriber usually holds whole and can pick any address in.</summary>
    public static string Bucket(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
