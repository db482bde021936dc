using Azure;

namespace WeekendCulturel.Registration.Storage;

/// <summary>
/// Turns "storage cannot be reached" into one exception the HTTP layer answers with 503. A request its
/// caller gave up on (the caller's token cancelled) stays a cancellation: storage is not at fault. The SDK's
/// own network timeout cancels too, with a token of its own: that one is an outage.
/// </summary>
internal static class StorageGuard
{
    public static async Task<T> Guard<T>(CancellationToken cancellation, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (RequestFailedException e) when (e.Status is 0 or >= 500)
        {
            throw new StorageUnavailableException("Table Storage answered " + e.Status, e);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or AggregateException or IOException)
        {
            throw new StorageUnavailableException("Table Storage cannot be reached", e);
        }
    }

    public static async Task Guard(CancellationToken cancellation, Func<Task> work) => await Guard<bool>(cancellation, async () =>
    {
        await work();
        return true;
    });
}
