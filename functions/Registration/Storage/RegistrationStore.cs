using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using static WeekendCulturel.Registration.Storage.StorageGuard;

namespace WeekendCulturel.Registration.Storage;

/// <summary>
/// Registrations in Azure Table Storage: one table, one client, and the parts that each keep one kind of
/// row in it. One store is one process's view of storage: its parts share what this process remembers
/// (counters, gates), and a second store on the same table behaves as another instance of the API.
/// </summary>
public sealed class RegistrationStore
{
    /// <summary>Requests to storage in flight at once from this store, besides those of gate holders.</summary>
    public const int MaxInFlight = 64;

    private readonly RequestCountPolicy _requests = new();

    public RegistrationStore(RegistrationOptions options)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        clientOptions.AddPolicy(new InFlightLimitPolicy(MaxInFlight), HttpPipelinePosition.PerRetry);
        clientOptions.AddPolicy(_requests, HttpPipelinePosition.PerRetry);
        Table = options.StorageConnectionString is { Length: > 0 } connection
            ? new TableClient(connection, options.TableName, clientOptions)
            : options.TableEndpoint is { } endpoint
                ? new TableClient(endpoint, options.TableName, new DefaultAzureCredential(), clientOptions)
                : throw new InvalidOperationException("Registration:StorageConnectionString or Registration:TableEndpoint must be set");
        Outbox = new OutboxRows(Table);
        Seats = new SeatLedger(Table, Domain.SeatTerms.From(options), Outbox);
        Bookings = new BookingRows(Table, Seats);
        Catalogue = new CatalogueRows(Table);
        PersonalData = new PersonalDataRows(Table, Outbox);
    }

    public TableClient Table { get; }

    public SeatLedger Seats { get; }

    public OutboxRows Outbox { get; }

    public BookingRows Bookings { get; }

    public CatalogueRows Catalogue { get; }

    public PersonalDataRows PersonalData { get; }

    /// <summary>Every request this store has sent to storage, reads and retries included.</summary>
    public long Requests => _requests.Sent;

    public Task EnsureTableAsync(CancellationToken cancellation = default) =>
        Guard(cancellation, () => Table.CreateIfNotExistsAsync(cancellation));
}
