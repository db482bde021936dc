using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;

namespace WeekendCulturel.Bench.Rush;

/// <summary>Registrations per second through the API, raw Table inserts per second on the same Azurite.</summary>
public sealed record ThroughputResult(double Registrations, double RawInserts, Tally RegistrationTally, Tally RawTally)
{
    public double Ratio => RawInserts == 0 ? 0 : Registrations / RawInserts;

    public string Line => string.Create(CultureInfo.InvariantCulture,
        $"throughput: {Registrations:F0}/s registrations, {RawInserts:F0}/s raw inserts, ratio {Ratio:F2}");
}

/// <summary>Operations that succeeded and failed within the measured window.</summary>
public sealed record Tally(int Succeeded, int Failed)
{
    public static Tally operator +(Tally a, Tally b) => new(a.Succeeded + b.Succeeded, a.Failed + b.Failed);
}

/// <summary>
/// Closed loops: a fixed number of workers, each sending its next request as soon as the previous one is
/// answered. A warm-up is run first and not counted; only what completes within the measured window is.
/// </summary>
public static class ThroughputRun
{
    public static async Task<ThroughputResult> RunAsync(ServeProcess serve, Visitors visitors, ServerState state, int workers, int seconds, int warmUpSeconds, string runTag, CancellationToken cancellation)
    {
        var warmUp = TimeSpan.FromSeconds(warmUpSeconds);
        var sessions = (await state.SessionsAsync(cancellation)).Where(s => s.TakesRegistrations).Select(s => s.Id).ToArray();
        if (sessions.Length == 0)
        {
            throw new InvalidOperationException("no session takes registrations at " + ServeProcess.Now);
        }

        var measured = TimeSpan.FromSeconds(seconds);
        var addressesBefore = visitors.Count;
        Console.Error.WriteLine($"throughput: {workers} workers registering over {sessions.Length} sessions for {seconds} s (after {warmUp.TotalSeconds:F0} s of warm-up)...");
        var next = 0;
        var clients = new System.Collections.Concurrent.ConcurrentBag<HttpClient>();
        var cpu = new CpuMeter(serve.ProcessId);
        var (registrations, registrationCpu) = await ClosedLoopAsync(workers, warmUp, measured, cpu, worker =>
        {
            var client = visitors.Next();
            clients.Add(client);
            var sent = 0;
            return async ct =>
            {
                if (sent == Visitors.RequestsPerVisitor)
                {
                    client.Dispose();
                    client = visitors.Next();
                    clients.Add(client);
                    sent = 0;
                }

                sent++;
                var n = Interlocked.Increment(ref next);
                using var message = Visitors.Registration(sessions[n % sessions.Length], $"tp-{runTag}-{worker}-{n}");
                try
                {
                    using var response = await client.SendAsync(message, ct);
                    await response.Content.ReadAsByteArrayAsync(ct);
                    return response.IsSuccessStatusCode;
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    return false;
                }
            };
        }, cancellation);
        foreach (var client in clients)
        {
            client.Dispose();
        }

        Console.Error.WriteLine($"throughput: {registrations.Succeeded} registrations and {registrations.Failed} errors in {seconds} s, from {visitors.Count - addressesBefore} loopback addresses; {registrationCpu.PerOperation(registrations.Succeeded)}");

        var table = new TableClient(serve.AzuriteConnectionString, "rawinserts" + runTag);
        await table.CreateIfNotExistsAsync(cancellation);
        Console.Error.WriteLine($"throughput: {workers} workers inserting into table {table.Name} of the same Azurite for {seconds} s...");
        var (raw, rawCpu) = await ClosedLoopAsync(workers, warmUp, measured, cpu, worker =>
        {
            var n = 0;
            var now = DateTimeOffset.UtcNow;
            return async ct =>
            {
                n++;
                var entity = new TableEntity(sessions[(worker + n) % sessions.Length], $"r-{worker}-{n}")
                {
                    ["BookingId"] = $"b_{runTag}{worker}x{n}",
                    ["Status"] = "Confirmed",
                    ["Sequence"] = 0L,
                    ["FirstName"] = "Rush",
                    ["LastName"] = $"raw-{runTag}-{worker}-{n}",
                    ["Email"] = $"raw-{runTag}-{worker}-{n}@example.org",
                    ["Organisation"] = "",
                    ["Lang"] = "fr",
                    ["RegisteredAt"] = now,
                    ["ChangedAt"] = now,
                };
                try
                {
                    await table.AddEntityAsync(entity, ct);
                    return true;
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    return false;
                }
            };
        }, cancellation);
        Console.Error.WriteLine($"throughput: {raw.Succeeded} raw inserts and {raw.Failed} errors in {seconds} s; {rawCpu.PerOperation(raw.Succeeded)}");
        await table.DeleteAsync(cancellation);

        return new ThroughputResult(registrations.Succeeded / measured.TotalSeconds, raw.Succeeded / measured.TotalSeconds, registrations, raw);
    }

    /// <summary>
    /// Runs <paramref name="workers"/> loops for the warm-up and then the measured window; counts what
    /// completed inside the window, and the CPU time used during it.
    /// </summary>
    private static async Task<(Tally Tally, CpuSample Cpu)> ClosedLoopAsync(int workers, TimeSpan warmUp, TimeSpan measured, CpuMeter cpu, Func<int, Func<CancellationToken, Task<bool>>> worker, CancellationToken cancellation)
    {
        var from = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var to = from + (long)(measured.TotalSeconds * Stopwatch.Frequency);
        var meter = Task.Run(async () =>
        {
            await Task.Delay(Until(from), cancellation);
            var start = cpu.Sample();
            await Task.Delay(Until(to), cancellation);
            return cpu.Sample() - start;
        }, cancellation);
        var tallies = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var operation = worker(w);
            var tally = new Tally(0, 0);
            while (Stopwatch.GetTimestamp() < to)
            {
                var ok = await operation(cancellation);
                var done = Stopwatch.GetTimestamp();
                if (done >= from && done < to)
                {
                    tally += ok ? new Tally(1, 0) : new Tally(0, 1);
                }
            }

            return tally;
        }, cancellation)));
        return (tallies.Aggregate(new Tally(0, 0), (a, b) => a + b), await meter);
    }

    private static TimeSpan Until(long timestamp) => TimeSpan.FromTicks(Math.Max(0, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp).Ticks));
}
