using System.Collections.Concurrent;

namespace WeekendCulturel.Registration.Storage;

/// <summary>
/// Within one process, writers of one partition (a session, or a booking partition) take turns behind the
/// partition's gate: the ETag still guards against other processes, but a rush on one partition does not
/// turn into a storm of 412s, and the writes waiting for a partition can share the gate holder's transaction.
/// </summary>
/// <typeparam name="TPending">A write waiting for its partition's gate, done by whoever holds the gate first.</typeparam>
internal sealed class PartitionGates<TPending>
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    // The writes waiting for each partition's gate, in the order they came.
    private readonly ConcurrentDictionary<string, ConcurrentQueue<TPending>> _waiting = new(StringComparer.Ordinal);

    /// <summary>
    /// Queues a write behind its partition's gate, in the order writes came. Whoever holds the gate commits
    /// what waits in the queue, as many at a time as it can, until <paramref name="done"/> is complete: an
    /// earlier gate holder may already have done this write with its own.
    /// </summary>
    public async Task TakeTurnAsync(string partition, TPending mine, Task done, Func<ConcurrentQueue<TPending>, Task> commitWaiting)
    {
        var queue = _waiting.GetOrAdd(partition, _ => new ConcurrentQueue<TPending>());
        queue.Enqueue(mine);
        var gate = Gate(partition);
        await gate.WaitAsync();
        try
        {
            if (!done.IsCompleted)
            {
                InFlightLimitPolicy.MarkGateHolder();
                while (!done.IsCompleted)
                {
                    await commitWaiting(queue);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Does one piece of work alone behind the partition's gate, without sharing it.</summary>
    public async Task<T> AloneAsync<T>(string partition, Func<Task<T>> work, CancellationToken cancellation)
    {
        var gate = Gate(partition);
        await gate.WaitAsync(cancellation);
        try
        {
            InFlightLimitPolicy.MarkGateHolder();
            return await work();
        }
        finally
        {
            gate.Release();
        }
    }

    private SemaphoreSlim Gate(string partition) => _gates.GetOrAdd(partition, _ => new SemaphoreSlim(1, 1));
}
