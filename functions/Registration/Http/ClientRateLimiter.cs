using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// POSTs per client address per minute, with the platform's fixed-window limiter; the client as
/// <see cref="ClientAddress"/> tells it behind the configured proxies. Each process counts for itself.
/// </summary>
public sealed class ClientRateLimiter(RegistrationOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter = options.RateLimitPerMinute <= 0 ? null : PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.RateLimitPerMinute,
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

        using var lease = _limiter.AttemptAcquire(ClientAddress.BucketOf(request, options.TrustedProxies));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
    }

    public void Dispose() => _limiter?.Dispose();
}
