using Azure;
using Azure.Data.Tables;

namespace WeekendCulturel.Registration.Storage;

/// <summary>
/// What Table Storage allows in one entity-group transaction, and how writers that lost a race try again.
/// Transactions never span partitions and never exceed 100 actions: Azurite would accept both, Azure
/// refuses them, so the limit is checked here rather than discovered in production.
/// </summary>
public static class TableTransactions
{
    public const int MaxActions = 100;

    /// <summary>How many times a writer tries again on fresh data before calling storage unavailable.</summary>
    internal const int MaxAttempts = 60;

    /// <summary>
    /// Commits a transaction and gives the answer to each of its actions (in order); null when nothing was
    /// written because another writer changed one of its entities first (412) or a row to add exists (409).
    /// </summary>
    internal static async Task<IReadOnlyList<Response>?> TrySubmitAsync(this TableClient table, IReadOnlyCollection<TableTransactionAction> actions, CancellationToken cancellation)
    {
        if (actions.Count > MaxActions || actions.Select(a => a.Entity.PartitionKey).Distinct().Count() != 1)
        {
            throw new InvalidOperationException("a transaction must hold 1 to 100 actions of one partition");
        }

        try
        {
            return (await table.SubmitTransactionAsync(actions, cancellation)).Value;
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 409)
        {
            return null;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 409)
        {
            return null;
        }
    }

    internal static Task Backoff(int attempt, CancellationToken cancellation)
    {
        // Full jitter on a growing ceiling, so that writers who lost to the same winner do not meet again.
        var ceiling = Math.Min(200, 5 * (1 << Math.Min(attempt, 6)));
        return Task.Delay(Random.Shared.Next(1, ceiling), cancellation);
    }
}
