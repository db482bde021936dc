using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// POSTs per client address per minute, with the platform's fixed-window limiter. Behind Azure's front
/// ends the client is the first address of X-Forwarded-For. Each process counts for itself.
/// </summary>
public sealed class ClientRateLimiter(int perMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter = perMinute <= 0 ? null : PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when the request may go on, else the seconds to wait.</summary>
    public int? Check(HttpRequest request)
    {
        if (_limiter is null)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire(ClientOf(request));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
    }

    public static string ClientOf(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-For"].ToString();
        var first = forwarded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is not null && IPAddress.TryParse(first.Split(':')[0], out var address))
        {
            return address.ToString();
        }

        return request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    public void Dispose() => _limiter?.Dispose();
}
