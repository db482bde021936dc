using Azure.Data.Tables;
using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Tests.Support;

/// <summary>Every message ever owed in a table, sent or not: the outbox's rows and those new registrations carry.</summary>
public static class OutboxMessages
{
    /// <summary>All of them (of one partition when given), oldest first.</summary>
    public static async Task<List<OutboxEntity>> AllAsync(TableClient table, string? partition = null)
    {
        var messages = new List<OutboxEntity>();
        var within = partition is null ? "" : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and ");
        await foreach (var row in table.QueryAsync<OutboxEntity>(within + TableClient.CreateQueryFilter($"RowKey ge {TableKeys.Message.Text} and RowKey lt {TableKeys.Message.End}")))
        {
            messages.Add(row);
        }

        await foreach (var row in table.QueryAsync<RegistrationEntity>(within + TableClient.CreateQueryFilter($"RowKey ge {TableKeys.Registration.Text} and RowKey lt {TableKeys.Registration.End} and OwedKind gt {""}")))
        {
            messages.Add(OutboxRows.Carried(row));
        }

        return [.. messages.OrderBy(m => m.CreatedAt)];
    }
}
