using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Functions;

/// <summary>Every night at 03:00 (UTC), deletes personal data once the retention period after the event is over.</summary>
public sealed class RetentionFunction(Retention retention, ILogger<RetentionFunction> logger)
{
    [Function("Retention")]
    public async Task Run([TimerTrigger("0 0 3 * * *")] TimerInfo timer, CancellationToken cancellation)
    {
        var deleted = await retention.PurgeIfDueAsync(cancellation);
        if (deleted > 0)
        {
            logger.LogInformation("retention: {Count} personal-data entities deleted", deleted);
        }
    }
}
