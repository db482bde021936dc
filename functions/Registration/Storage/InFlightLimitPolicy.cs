using Azure.Core;
using Azure.Core.Pipeline;

namespace WeekendCulturel.Registration.Storage;

/// <summary>
/// At most <c>limit</c> requests to Table Storage in flight from one store; the others wait here, before
/// their network timeout starts. A rush of thousands of registrations then queues inside the process
/// instead of flooding storage with thousands of connections until requests time out, are retried and the
/// whole rush fails with 503s. A writer that holds a session's gate does not wait: there is at most one per
/// session, and everyone else queued for that session waits for it.
/// </summary>
public sealed class InFlightLimitPolicy(int limit) : HttpPipelinePolicy
{
    private static readonly AsyncLocal<bool> HoldsGate = new();

    private readonly SemaphoreSlim _slots = new(limit, limit);

    /// <summary>Marks the calls made from here on, in this async flow, as a gate holder's.</summary>
    public static void MarkGateHolder() => HoldsGate.Value = true;

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (HoldsGate.Value)
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        await _slots.WaitAsync(message.CancellationToken);
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            _slots.Release();
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (HoldsGate.Value)
        {
            ProcessNext(message, pipeline);
            return;
        }

        _slots.Wait(message.CancellationToken);
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            _slots.Release();
        }
    }
}
