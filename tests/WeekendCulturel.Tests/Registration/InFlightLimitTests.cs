using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Tests.Registration;

/// <summary>The store's cap on requests in flight to storage: the others wait before they are sent; gate holders do not.</summary>
public sealed class InFlightLimitTests
{
    [Fact]
    public async Task No_more_than_the_limit_reach_storage_at_once()
    {
        var storage = new HeldStorage();
        var pipeline = HttpPipelineBuilder.Build(new Options(storage), new InFlightLimitPolicy(3));

        var sends = Enumerable.Range(0, 20).Select(_ => Task.Run(() => Send(pipeline))).ToList();
        await storage.WaitUntilInFlight(3);
        await Task.Delay(100);
        Assert.Equal(3, storage.InFlight);
        storage.Release();
        await Task.WhenAll(sends);

        Assert.Equal(3, storage.MostAtOnce);
        Assert.Equal(20, storage.Received);
    }

    [Fact]
    public async Task A_gate_holder_is_sent_even_when_every_slot_is_taken()
    {
        var storage = new HeldStorage();
        var pipeline = HttpPipelineBuilder.Build(new Options(storage), new InFlightLimitPolicy(2));
        var held = Enumerable.Range(0, 3).Select(_ => Task.Run(() => Send(pipeline))).ToList();
        await storage.WaitUntilInFlight(2);

        var holder = Task.Run(async () =>
        {
            InFlightLimitPolicy.MarkGateHolder();
            await Send(pipeline);
        });
        await storage.WaitUntilInFlight(3);

        Assert.Equal(3, storage.InFlight);
        Assert.False(held.All(t => t.IsCompleted));
        storage.Release();
        await Task.WhenAll(held.Append(holder));
        Assert.Equal(4, storage.Received);
    }

    private static async Task Send(HttpPipeline pipeline)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Uri.Reset(new Uri("http://127.0.0.1/devstoreaccount1/t"));
        await pipeline.SendAsync(message, CancellationToken.None);
    }

    private sealed class Options : ClientOptions
    {
        public Options(HttpPipelineTransport transport)
        {
            Transport = transport;
            Retry.MaxRetries = 0;
        }
    }

    /// <summary>Storage that holds every request until released, counting how many it holds at once.</summary>
    private sealed class HeldStorage : HttpPipelineTransport
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _mostAtOnce;
        private int _received;

        public int InFlight => Volatile.Read(ref _inFlight);

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public int Received => Volatile.Read(ref _received);

        public void Release() => _release.TrySetResult();

        public async Task WaitUntilInFlight(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (InFlight < count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }
        }

        public override Request CreateRequest() => HttpClientTransport.Shared.CreateRequest();

        public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message)
        {
            Interlocked.Increment(ref _received);
            var now = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _mostAtOnce, now);
            await _release.Task;
            Interlocked.Decrement(ref _inFlight);
            message.Response = new EmptyResponse();
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }

    private sealed class EmptyResponse : Response
    {
        public override int Status => 204;

        public override string ReasonPhrase => "No Content";

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = "";

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = null;
            return false;
        }
    }
}
