using Azure.Core;
using Azure.Core.Pipeline;

namespace WeekendCulturel.Registration.Storage;

/// <summary>Counts the requests a store sends to Table Storage, retries included: what its calls cost storage.</summary>
internal sealed class RequestCountPolicy : HttpPipelineSynchronousPolicy
{
    private long _sent;

    public long Sent => Interlocked.Read(ref _sent);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _sent);
}
