using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using WeekendCulturel.Registration.Mail;
using static WeekendCulturel.Registration.Storage.StorageGuard;

namespace WeekendCulturel.Registration.Storage;

/// <summary>Where an outbox row is: its partition and row key. What a nudge carries to the dispatcher.</summary>
public sealed record OutboxAddress(string Partition, string Row);

/// <summary>
/// The messages owed, read and marked by the dispatcher. The rows themselves are written by whoever makes the
/// change, inside its own transaction (<see cref="Message"/> gives the row to add).
/// </summary>
public sealed class OutboxRows(TableClient table)
{
    // Messages committed by work that no request waits for (a release of expired holds found by a write, a
    // raised capacity): whoever nudges the dispatcher next takes them along.
    private readonly System.Collections.Concurrent.ConcurrentQueue<OutboxAddress> _owed = new();

    /// <summary>Keeps committed messages for the next nudge (<see cref="TakeOwed"/>).</summary>
    public void Owe(IEnumerable<OutboxEntity> messages)
    {
        foreach (var message in messages)
        {
            _owed.Enqueue(Address(message));
        }
    }

    /// <summary>The messages kept by <see cref="Owe"/> since the last call.</summary>
    public IReadOnlyList<OutboxAddress> TakeOwed()
    {
        var taken = new List<OutboxAddress>();
        while (_owed.TryDequeue(out var address))
        {
            taken.Add(address);
        }

        return taken;
    }

    public static OutboxAddress Address(OutboxEntity message) => new(message.PartitionKey, message.RowKey);

    /// <summary>A message row for a change in <paramref name="partition"/>, to add to that change's transaction.</summary>
    public static OutboxEntity Message(string partition, MessageKind kind, string lang, string email, string emailHash, string bookingId, string session, DateTimeOffset now) => new()
    {
        PartitionKey = partition,
        RowKey = TableKeys.Message.Key(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))),
        Kind = kind.ToString(),
        Lang = lang,
        Email = email,
        EmailHash = emailHash,
        BookingId = bookingId,
        Session = session,
        CreatedAt = now,
    };

    /// <summary>
    /// Makes a new registration's row carry the message it owes (<see cref="RegistrationEntity.OwedKind"/>) and
    /// gives that message as the dispatcher reads it: the row's insert writes both in one action.
    /// </summary>
    public static OutboxEntity Carry(RegistrationEntity row, MessageKind kind, DateTimeOffset now)
    {
        row.OwedKind = kind.ToString();
        row.OwedAt = now;
        row.OwedBooking = row.BookingId;
        row.Owed = true;
        return Carried(row);
    }

    /// <summary>
    /// The message a registration row carries, as an outbox message at the row's own address (its keys name
    /// it: a row carries one message in its life). Marking it sent clears <see cref="RegistrationEntity.Owed"/> alone.
    /// </summary>
    public static OutboxEntity Carried(RegistrationEntity row) => new()
    {
        PartitionKey = row.PartitionKey,
        RowKey = row.RowKey,
        Kind = row.OwedKind,
        Lang = row.Lang,
        Email = row.Email,
        EmailHash = TableKeys.Registration.Rest(row.RowKey),
        BookingId = row.OwedBooking,
        Session = row.PartitionKey,
        Pending = row.Owed,
        CreatedAt = row.OwedAt ?? row.RegisteredAt,
    };

    /// <summary>Whether a message is carried by a registration row rather than written as a row of its own.</summary>
    public static bool IsCarried(OutboxEntity message) => TableKeys.Registration.Starts(message.RowKey);

    /// <summary>
    /// What names a message for good, however often it is read: a message row's keys (its id is random); a
    /// registration's keys (its session and the person) with the moment the message was owed, since a table
    /// set up again (next year's edition, a staging copy) would give the same keys to the same person.
    /// </summary>
    public static string IdentityOf(OutboxEntity message) => IsCarried(message)
        ? $"{message.PartitionKey}/{message.RowKey}/{message.CreatedAt.ToUnixTimeMilliseconds()}"
        : $"{message.PartitionKey}/{message.RowKey}";

    /// <summary>
    /// Adds a message that may be asked for again and again by anyone (a recovery, "already registered"): at
    /// most <paramref name="most"/> per <paramref name="subject"/> in each hour. Its row keys are numbered
    /// within the hour, so a message beyond the limit finds every key taken and is not written. The message when written, else null.
    /// </summary>
    public Task<OutboxEntity?> AddLimitedAsync(OutboxEntity message, string subject, int most, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var hour = message.CreatedAt.UtcDateTime.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
        var stem = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{message.Kind}\n{subject}")).AsSpan(0, 12));
        for (var n = 0; n < most; n++)
        {
            message.RowKey = TableKeys.Message.Key($"{stem}-{hour}-{n}");
            try
            {
                await table.AddEntityAsync(message, cancellation);
                return message;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }
        }

        return (OutboxEntity?)null;
    });

    /// <summary>
    /// The messages at these addresses that are still pending (a nudge may come after a sweep sent them), rows
    /// of their own or carried by registrations. Up to <see cref="PointReadsAtMost"/> of a partition are point
    /// reads; more are one query over the partition's pending ones between the first and last key asked, as
    /// after a rush, when a session's partition holds hundreds of them.
    /// </summary>
    public Task<IReadOnlyList<OutboxEntity>> PendingAtAsync(IEnumerable<OutboxAddress> addresses, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var found = await Task.WhenAll(addresses.Distinct().GroupBy(a => (a.Partition, Carried: TableKeys.Registration.Starts(a.Row))).Select(group =>
        {
            var rows = group.Select(a => a.Row).Order(StringComparer.Ordinal).ToList();
            return group.Key.Carried
                ? PendingAtAsync<RegistrationEntity>(group.Key.Partition, rows, nameof(RegistrationEntity.Owed), r => r.Owed, Carried, cancellation)
                : PendingAtAsync<OutboxEntity>(group.Key.Partition, rows, nameof(OutboxEntity.Pending), m => m.Pending, m => m, cancellation);
        }));
        return (IReadOnlyList<OutboxEntity>)[.. found.SelectMany(f => f)];
    });

    /// <summary>The rows of one partition and one kind at these (ordered) keys whose <paramref name="flag"/> says pending, as messages.</summary>
    private async Task<List<OutboxEntity>> PendingAtAsync<T>(string partition, List<string> rows, string flag, Func<T, bool> pending, Func<T, OutboxEntity> message, CancellationToken cancellation)
        where T : class, ITableEntity
    {
        if (rows.Count <= PointReadsAtMost)
        {
            var read = await Task.WhenAll(rows.Select(row => table.GetEntityIfExistsAsync<T>(partition, row, cancellationToken: cancellation)));
            return [.. read.Where(f => f.HasValue && pending(f.Value!)).Select(f => message(f.Value!))];
        }

        var wanted = rows.ToHashSet(StringComparer.Ordinal);
        var found = new List<OutboxEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {rows[0]} and RowKey le {rows[^1]}") + $" and {flag} eq true";
        await foreach (var row in table.QueryAsync<T>(filter, cancellationToken: cancellation))
        {
            if (wanted.Contains(row.RowKey))
            {
                found.Add(message(row));
            }
        }

        return found;
    }

    // Keys are hashes or random, so the range between the first and the last key asked holds most of the
    // partition's rows of that kind: the query reads them all to find the few asked, and Azurite reads the whole
    // table for any query. Up to 32, point reads in parallel cost less: with 4, the throughput benchmark
    // measured 0.03 less (docs/performance.md, "The first message on the registration row").
    private const int PointReadsAtMost = 32;

    /// <summary>Every pending row written before <paramref name="before"/>: what no nudge sent (a crash, a relay that was down).</summary>
    public Task<IReadOnlyList<OutboxEntity>> PendingBeforeAsync(DateTimeOffset before, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        var rows = new List<OutboxEntity>();
        var filter = TableClient.CreateQueryFilter($"RowKey ge {TableKeys.Message.Text} and RowKey lt {TableKeys.Message.End} and Pending eq true and CreatedAt lt {before}");
        await foreach (var row in table.QueryAsync<OutboxEntity>(filter, cancellationToken: cancellation))
        {
            rows.Add(row);
        }

        var carried = TableClient.CreateQueryFilter($"RowKey ge {TableKeys.Registration.Text} and RowKey lt {TableKeys.Registration.End} and Owed eq true and OwedAt lt {before}");
        await foreach (var row in table.QueryAsync<RegistrationEntity>(carried, cancellationToken: cancellation))
        {
            rows.Add(Carried(row));
        }

        return (IReadOnlyList<OutboxEntity>)rows;
    });

    /// <summary>
    /// Marks messages sent and forgets their recipients (a registration carrying one keeps its address, which
    /// is the registration's): one transaction per partition and hundred rows. Marking a row twice (a nudge
    /// and a sweep both sent it) is harmless, and so is marking a registration changed since it was read (its
    /// message is still the one sent); a row deleted meanwhile (the purge) fails its transaction, and its
    /// partition's rows are then marked one by one.
    /// </summary>
    public Task MarkSentAsync(IEnumerable<OutboxEntity> rows, DateTimeOffset now, CancellationToken cancellation = default) => Guard(cancellation, async () =>
    {
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(TableTransactions.MaxActions))
            {
                var marks = chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpdateMerge, Sent(row, now), ETag.All)).ToList();
                bool marked;
                try
                {
                    marked = await table.TrySubmitAsync(marks, cancellation) is not null;
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    marked = false;
                }

                if (!marked)
                {
                    foreach (var row in chunk)
                    {
                        try
                        {
                            await table.UpdateEntityAsync(Sent(row, now), ETag.All, TableUpdateMode.Merge, cancellation);
                        }
                        catch (RequestFailedException e) when (e.Status == 404)
                        {
                        }
                    }
                }
            }
        }
    });

    private static TableEntity Sent(OutboxEntity row, DateTimeOffset now) => IsCarried(row)
        ? new(row.PartitionKey, row.RowKey) { [nameof(RegistrationEntity.Owed)] = false }
        : new(row.PartitionKey, row.RowKey) { [nameof(OutboxEntity.Pending)] = false, [nameof(OutboxEntity.SentAt)] = now, [nameof(OutboxEntity.Email)] = "" };
}
