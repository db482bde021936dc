using Azure;
using Azure.Data.Tables;
using WeekendCulturel.Registration.Domain;
using static WeekendCulturel.Registration.Storage.StorageGuard;

namespace WeekendCulturel.Registration.Storage;

/// <summary>The rows that name people, read whole or removed whole: the organisers' export, the newsletter and the purge.</summary>
public sealed class PersonalDataRows(TableClient table)
{
    public Task<IReadOnlyList<RegistrationRow>> ExportAsync(IEnumerable<string> sessionIds, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var rows = new List<RegistrationRow>();
        foreach (var sessionId in sessionIds)
        {
            var entities = await RegistrationsAsync(sessionId, cancellation);

            var waiting = entities.Where(e => e.Status == nameof(RegistrationStatus.Waitlisted)).OrderBy(e => e.Sequence).Select((e, i) => (e.RowKey, Position: i + 1)).ToDictionary(p => p.RowKey, p => p.Position);
            rows.AddRange(entities
                .OrderBy(e => e.Status == nameof(RegistrationStatus.Confirmed) ? 0 : e.Status == nameof(RegistrationStatus.Waitlisted) ? 1 : 2)
                .ThenBy(e => e.Sequence)
                .ThenBy(e => e.RegisteredAt)
                .Select(e => new RegistrationRow(sessionId, e.Status.ToLowerInvariant(), waiting.TryGetValue(e.RowKey, out var p) ? p : null, e.FirstName, e.LastName, e.Email, e.Organisation, e.RegisteredAt)));
        }

        return (IReadOnlyList<RegistrationRow>)rows;
    });

    /// <summary>Every registration row of a session (whatever its status), from the session's partition.</summary>
    public async Task<List<RegistrationEntity>> RegistrationsAsync(string sessionId, CancellationToken cancellation = default)
    {
        var entities = new List<RegistrationEntity>();
        await foreach (var e in table.QueryAsync<RegistrationEntity>(x => x.PartitionKey == sessionId && x.RowKey.CompareTo("r-") >= 0 && x.RowKey.CompareTo("r.") < 0, cancellationToken: cancellation))
        {
            entities.Add(e);
        }

        return entities;
    }

    public Task SubscribeAsync(string emailHash, string email, string lang, DateTimeOffset now, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        try
        {
            await table.AddEntityAsync(new NewsletterEntity { RowKey = emailHash, Email = email, Lang = lang, SubscribedAt = now }, cancellation);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Subscribed already: the same email twice is not an error.
        }
    });

    /// <summary>Deletes every registration, booking and subscription; counters and the catalogue stay.</summary>
    public Task<int> PurgeAsync(CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var doomed = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellation))
        {
            var personal = e.RowKey.StartsWith("r-", StringComparison.Ordinal)
                || e.PartitionKey.StartsWith("!b-", StringComparison.Ordinal)
                || e.PartitionKey == NewsletterEntity.Partition;
            if (personal)
            {
                doomed.Add(e);
            }
        }

        foreach (var partition in doomed.GroupBy(e => e.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(TableTransactions.MaxActions))
            {
                await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellation);
            }
        }

        return doomed.Count;
    });
}
