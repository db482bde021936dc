using Azure;
using Azure.Data.Tables;
using WeekendCulturel.Registration.Domain;
using static WeekendCulturel.Registration.Storage.StorageGuard;
using static WeekendCulturel.Registration.Storage.TableTransactions;

namespace WeekendCulturel.Registration.Storage;

/// <summary>The rows that name people, read whole or removed whole: the organisers' export, the newsletter and the purge.</summary>
public sealed class PersonalDataRows(TableClient table, OutboxRows outbox)
{
    public Task<IReadOnlyList<RegistrationRow>> ExportAsync(IEnumerable<string> sessionIds, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var rows = new List<RegistrationRow>();
        foreach (var sessionId in sessionIds)
        {
            var entities = await RegistrationsAsync(sessionId, cancellation);

            var waiting = entities.Where(e => e.Status == nameof(RegistrationStatus.Waitlisted)).OrderBy(e => e.Sequence).Select((e, i) => (e.RowKey, Position: i + 1)).ToDictionary(p => p.RowKey, p => p.Position);
            rows.AddRange(entities
                .OrderBy(e => e.Status switch { nameof(RegistrationStatus.Confirmed) => 0, nameof(RegistrationStatus.Held) => 1, nameof(RegistrationStatus.Waitlisted) => 2, _ => 3 })
                .ThenBy(e => e.Sequence)
                .ThenBy(e => e.RegisteredAt)
                .Select(e => new RegistrationRow(sessionId, Enum.Parse<RegistrationStatus>(e.Status), waiting.TryGetValue(e.RowKey, out var p) ? p : null, e.FirstName, e.LastName, e.Email, e.Organisation, e.RegisteredAt)));
        }

        return (IReadOnlyList<RegistrationRow>)rows;
    });

    /// <summary>Every registration row of a session (whatever its status), from the session's partition.</summary>
    public async Task<List<RegistrationEntity>> RegistrationsAsync(string sessionId, CancellationToken cancellation = default)
    {
        var entities = new List<RegistrationEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {sessionId} and RowKey ge {TableKeys.Registration.Text} and RowKey lt {TableKeys.Registration.End}");
        await foreach (var e in table.QueryAsync<RegistrationEntity>(filter, cancellationToken: cancellation))
        {
            entities.Add(e);
        }

        return entities;
    }

    /// <summary>
    /// Records a newsletter subscription. With <paramref name="pending"/> (version 2) the address is kept as
    /// pending, with the message asking to confirm it, in one transaction; asking again while pending sends
    /// that message again (at most once an hour); an address subscribed already gets nothing. Returns the
    /// message owed, if any.
    /// </summary>
    public Task<OutboxEntity?> SubscribeAsync(string emailHash, string email, string lang, DateTimeOffset now, bool pending, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var subscription = new NewsletterEntity { RowKey = emailHash, Email = email, Lang = lang, SubscribedAt = now, Pending = pending };
        var message = OutboxRows.Message(TableKeys.Newsletter, Mail.MessageKind.NewsletterConfirm, lang, email, emailHash, "", "", now);
        if (!pending)
        {
            try
            {
                await table.AddEntityAsync(subscription, cancellation);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Subscribed already: the same email twice is not an error.
            }

            return null;
        }

        if (await table.TrySubmitAsync([new(TableTransactionActionType.Add, subscription), new(TableTransactionActionType.Add, message)], cancellation) is not null)
        {
            return message;
        }

        var existing = await table.GetEntityIfExistsAsync<NewsletterEntity>(TableKeys.Newsletter, emailHash, cancellationToken: cancellation);
        return existing.HasValue && existing.Value!.Pending
            ? await outbox.AddLimitedAsync(message, emailHash, most: 1, cancellation)
            : null;
    });

    /// <summary>Turns a pending subscription into a subscription; false when there is none (deleted after a week, or unsubscribed).</summary>
    public Task<bool> ConfirmSubscriptionAsync(string emailHash, DateTimeOffset now, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        try
        {
            await table.UpdateEntityAsync(new TableEntity(TableKeys.Newsletter, emailHash) { [nameof(NewsletterEntity.Pending)] = false, [nameof(NewsletterEntity.SubscribedAt)] = now }, ETag.All, TableUpdateMode.Merge, cancellation);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    });

    /// <summary>Removes a subscription, pending or not; removing it twice is not an error.</summary>
    public Task UnsubscribeAsync(string emailHash, CancellationToken cancellation = default) => Guard(cancellation, () =>
        table.DeleteEntityAsync(TableKeys.Newsletter, emailHash, ETag.All, cancellation));

    /// <summary>Deletes the pending subscriptions asked before <paramref name="before"/>; returns how many.</summary>
    public Task<int> DeletePendingSubscriptionsAsync(DateTimeOffset before, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Newsletter} and Pending eq true and SubscribedAt lt {before}");
        await foreach (var row in table.QueryAsync<NewsletterEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellation))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellation);
            deleted++;
        }

        return deleted;
    });

    /// <summary>Deletes every registration, booking, subscription and message; counters and the catalogue stay.</summary>
    public Task<int> PurgeAsync(CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var doomed = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellation))
        {
            var personal = TableKeys.Registration.Starts(e.RowKey)
                || TableKeys.Message.Starts(e.RowKey)
                || TableKeys.Bookings.Starts(e.PartitionKey)
                || e.PartitionKey == TableKeys.Newsletter;
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
