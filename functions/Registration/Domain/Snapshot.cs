namespace WeekendCulturel.Registration.Domain;

/// <summary>
/// A value read from storage and shared by every caller for a while: at most one read starts per
/// <c>maxAge</c>, and one caller at a time reads. While a read is under way the others get the value read
/// before; only when there is none yet do they wait for the read, all of them for the same one.
/// </summary>
/// <remarks>
/// The read is not cancelled with the request that started it: the callers waiting for it are not its own.
/// A read that fails fails every caller waiting for it, and the next caller reads again.
/// </remarks>
public sealed class Snapshot<T>(Func<Task<T>> read, TimeProvider clock, TimeSpan maxAge)
{
    private readonly Lock _lock = new();
    private (T Value, DateTimeOffset ReadAt)? _current;
    private Task<T>? _reading;

    public Task<T> GetAsync(CancellationToken cancellation = default)
    {
        TaskCompletionSource<T>? mine = null;
        Task<T> reading;
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_current is { } current && (now - current.ReadAt < maxAge || _reading is not null))
            {
                return Task.FromResult(current.Value);
            }

            if (_reading is null)
            {
                mine = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                _reading = mine.Task;
            }

            reading = _reading;
        }

        if (mine is not null)
        {
            _ = ReadAsync(mine, now);
        }

        return reading.WaitAsync(cancellation);
    }

    private async Task ReadAsync(TaskCompletionSource<T> reading, DateTimeOffset startedAt)
    {
        try
        {
            var value = await read();
            lock (_lock)
            {
                // Dated from when the read began: what it returned is at least that old.
                _current = (value, startedAt);
                _reading = null;
            }

            reading.SetResult(value);
        }
        catch (Exception e)
        {
            lock (_lock)
            {
                _reading = null;
            }

            reading.SetException(e);
        }
    }
}
