using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Tests.Registration;

/// <summary>A value shared by every caller: one read at a time, at most one per two seconds, on a clock the test moves.</summary>
public sealed class SnapshotTests
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Callers_at_once_share_one_read_and_nobody_reads_again_within_two_seconds()
    {
        var clock = new TestClock();
        var reads = new Reads();
        var snapshot = new Snapshot<int>(reads.Next, clock, MaxAge);

        var callers = Enumerable.Range(0, 20).Select(_ => snapshot.GetAsync()).ToList();
        reads.Finish(1);
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        var later = await snapshot.GetAsync();

        Assert.Equal(Enumerable.Repeat(1, 20), await Task.WhenAll(callers));
        Assert.Equal(1, later);
        Assert.Equal(1, reads.Started);
    }

    [Fact]
    public async Task After_two_seconds_one_caller_reads_and_the_others_get_the_value_before_meanwhile()
    {
        var clock = new TestClock();
        var reads = new Reads();
        var snapshot = new Snapshot<int>(reads.Next, clock, MaxAge);
        var first = snapshot.GetAsync();
        reads.Finish(1);
        await first;

        clock.Advance(MaxAge);
        var reader = snapshot.GetAsync();
        var meanwhile = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => snapshot.GetAsync()));
        reads.Finish(2);

        Assert.Equal(Enumerable.Repeat(1, 20), meanwhile);
        Assert.Equal(2, await reader);
        Assert.Equal(2, await snapshot.GetAsync());
        Assert.Equal(2, reads.Started);
    }

    [Fact]
    public async Task A_failed_read_fails_its_callers_and_the_next_caller_reads_again()
    {
        var clock = new TestClock();
        var reads = new Reads();
        var snapshot = new Snapshot<int>(reads.Next, clock, MaxAge);

        var failed = snapshot.GetAsync();
        reads.Fail(new TimeoutException("storage"));
        await Assert.ThrowsAsync<TimeoutException>(() => failed);
        var again = snapshot.GetAsync();
        reads.Finish(3);

        Assert.Equal(3, await again);
        Assert.Equal(2, reads.Started);
    }

    [Fact]
    public async Task A_caller_who_gives_up_waiting_leaves_the_read_to_the_others()
    {
        var clock = new TestClock();
        var reads = new Reads();
        var snapshot = new Snapshot<int>(reads.Next, clock, MaxAge);
        using var gone = new CancellationTokenSource();

        var abandoned = snapshot.GetAsync(gone.Token);
        var other = snapshot.GetAsync();
        await gone.CancelAsync();
        reads.Finish(4);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(4, await other);
        Assert.Equal(1, reads.Started);
    }

    /// <summary>Reads that end when the test says so, one after the other.</summary>
    private sealed class Reads
    {
        private TaskCompletionSource<int> _current = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Started { get; private set; }

        public Task<int> Next()
        {
            Started++;
            return _current.Task;
        }

        public void Finish(int value) => Interlocked.Exchange(ref _current, new(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult(value);

        public void Fail(Exception e) => Interlocked.Exchange(ref _current, new(TaskCreationOptions.RunContinuationsAsynchronously)).SetException(e);
    }

    private sealed class TestClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.Parse("2025-02-01T10:00:00+01:00");

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
