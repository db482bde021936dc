using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace WeekendCulturel.Bench.Rush;

/// <summary>Registration times with and without pollers of <c>GET /api/sessions</c>, and the pollers' own rate.</summary>
public sealed record PollersResult(int Pollers, LatencySummary Alone, LatencySummary Polled, double PollsPerSecond, int FailedPolls)
{
    public string Line => string.Create(CultureInfo.InvariantCulture,
        $"pollers: registrations alone p50 {Alone.P50:F0} ms, p99 {Alone.P99:F0} ms ({Alone.PerSecond:F0}/s); with {Pollers} pollers p50 {Polled.P50:F0} ms, p99 {Polled.P99:F0} ms ({Polled.PerSecond:F0}/s); {PollsPerSecond:F0} polls/s");
}

/// <summary>The registrations of one side of the comparison: their times and how many succeeded a second.</summary>
public sealed record LatencySummary(double P50, double P99, double PerSecond, int Failed);

/// <summary>
/// What page loads at opening time do to registrations. The throughput's workers register in closed loops
/// (each request timed from its send to the end of its answer) while, in every other slice, pollers (24 by
/// default, each a visitor of its own) ask <c>GET /api/sessions</c> in loops, back to back or at most once per
/// interval each, as the session pages and the form do on each load. Slices without and with pollers alternate (alone, polled, polled, alone,
/// ...), so both sides share the same spells of the host's load and the same growth of Azurite's data.
/// </summary>
public static class PollersRun
{
    public static async Task<PollersResult> RunAsync(ServeProcess serve, Visitors visitors, ServerState state, ThroughputPlan plan, int pollers, TimeSpan interval, string runTag, CancellationToken cancellation)
    {
        var sessions = (await state.SessionsAsync(cancellation)).Where(s => s.TakesRegistrations).Select(s => s.Id).ToArray();
        if (sessions.Length == 0)
        {
            throw new InvalidOperationException("no session takes registrations at " + ServeProcess.Now);
        }

        await using var registrations = new RegistrationLoad(visitors, sessions, runTag);
        var registerers = Enumerable.Range(0, plan.Workers).Select(registrations.Worker).ToArray();
        var pollClients = Enumerable.Range(0, pollers).Select(_ => visitors.Next()).ToArray();
        try
        {
            var polls = pollClients.Select(c => Poller(c, interval)).ToArray();
            Console.Error.WriteLine($"pollers: {plan.Workers} workers registering over {sessions.Length} sessions, {pollers} pollers of /api/sessions in every other slice ({(interval == TimeSpan.Zero ? "back to back" : $"each at most once per {interval.TotalMilliseconds:F0} ms")}); {plan.WarmUp.TotalSeconds:F0} s of warm-up, then {plan.Measured.TotalSeconds:F0} s of each side in {plan.Slices} pairs of slices of {plan.Slice.TotalSeconds:F1} s...");
            await TimedLoop.RunAsync(registerers, polls, plan.WarmUp, cancellation);

            var alone = new Measured();
            var polled = new Measured();
            var pollCount = new Measured();
            for (var pair = 0; pair < plan.Slices; pair++)
            {
                // ABBA, as the throughput's slices.
                foreach (var withPollers in pair % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    var (timed, polledTimes) = await TimedLoop.RunAsync(registerers, withPollers ? polls : [], plan.Slice, cancellation);
                    (withPollers ? polled : alone).Add(timed);
                    pollCount.Add(polledTimes);
                }

                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"pollers: pair {pair + 1}/{plan.Slices}: alone p50 {alone.Last.P50:F0} ms, with pollers p50 {polled.Last.P50:F0} ms"));
            }

            // Each side ran for the measured time (--seconds), as in the throughput.
            var seconds = plan.Measured.TotalSeconds;
            return new PollersResult(pollers, alone.Summary(seconds), polled.Summary(seconds), pollCount.Succeeded / seconds, pollCount.Failed);
        }
        finally
        {
            foreach (var client in pollClients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>A visitor loading pages: asks for the live seats, then again once <paramref name="interval"/> has passed since it asked.</summary>
    private static Func<CancellationToken, Task<bool>> Poller(HttpClient client, TimeSpan interval) => async ct =>
    {
        var asked = Stopwatch.GetTimestamp();
        bool ok;
        try
        {
            using var response = await client.GetAsync("api/sessions", ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            ok = response.IsSuccessStatusCode;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            ok = false;
        }

        var rest = interval - Stopwatch.GetElapsedTime(asked);
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, ct);
        }

        return ok;
    };

    /// <summary>The times of the requests that succeeded inside the slices of one side, and the failures.</summary>
    private sealed class Measured
    {
        private readonly List<double> _all = [];

        public (double P50, double P99) Last { get; private set; }

        public int Succeeded => _all.Count;

        public int Failed { get; private set; }

        public void Add(TimedLoop.Times times)
        {
            _all.AddRange(times.Milliseconds);
            Failed += times.Failed;
            var sorted = times.Milliseconds.Order().ToArray();
            Last = (RushRun.Percentile(sorted, 50), RushRun.Percentile(sorted, 99));
        }

        public LatencySummary Summary(double seconds)
        {
            var sorted = _all.Order().ToArray();
            return new LatencySummary(RushRun.Percentile(sorted, 50), RushRun.Percentile(sorted, 99), sorted.Length / seconds, Failed);
        }
    }
}

/// <summary>Closed loops whose requests are timed: the timed workers, and others running beside them untimed but counted.</summary>
public static class TimedLoop
{
    /// <summary>Milliseconds of each request that succeeded and ended inside the window, and how many failed there.</summary>
    public sealed record Times(IReadOnlyList<double> Milliseconds, int Failed);

    /// <summary>
    /// Runs both sets of loops for <paramref name="duration"/>, then lets every request in flight finish
    /// (outside the window, not counted), as <see cref="ClosedLoop"/> does.
    /// </summary>
    public static async Task<(Times Timed, Times Beside)> RunAsync(IReadOnlyList<Func<CancellationToken, Task<bool>>> timed, IReadOnlyList<Func<CancellationToken, Task<bool>>> beside, TimeSpan duration, CancellationToken cancellation)
    {
        var to = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var timedTimes = new ConcurrentQueue<double>();
        var besideTimes = new ConcurrentQueue<double>();
        var failures = new int[2];
        var loops = timed.Select(w => Loop(w, timedTimes, 0)).Concat(beside.Select(w => Loop(w, besideTimes, 1)));
        await Task.WhenAll(loops);
        return (new Times([.. timedTimes], failures[0]), new Times([.. besideTimes], failures[1]));

        Task Loop(Func<CancellationToken, Task<bool>> operation, ConcurrentQueue<double> times, int side) => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < to)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await operation(cancellation);
                var end = Stopwatch.GetTimestamp();
                if (end >= to)
                {
                    break;
                }

                if (ok)
                {
                    times.Enqueue((end - start) * 1000.0 / Stopwatch.Frequency);
                }
                else
                {
                    Interlocked.Increment(ref failures[side]);
                }
            }
        }, cancellation);
    }
}
