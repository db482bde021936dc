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
/// Registrations through the API against raw inserts, in closed loops. Each kind of load is warmed up first, not counted. The measured time of each is then cut into
/// slices that alternate (registrations, raw, raw, registrations, registrations, raw, …), so that a change in
/// the shared machine's load weighs on both sides alike instead of on whichever happened to run at that time.
/// </summary>
public static class ThroughputRun
{
    public static async Task<ThroughputResult> RunAsync(ServeProcess serve, Visitors visitors, ServerState state, ThroughputPlan plan, string runTag, CancellationToken cancellation)
    {
        var sessions = (await state.SessionsAsync(cancellation)).Where(s => s.TakesRegistrations).Select(s => s.Id).ToArray();
        if (sessions.Length == 0)
        {
            throw new InvalidOperationException("no session takes registrations at " + ServeProcess.Now);
        }

        var addressesBefore = visitors.Count;
        var cpu = new CpuMeter(serve.ProcessId);
        await using var registrations = new RegistrationLoad(visitors, sessions, runTag);
        var table = new TableClient(serve.AzuriteConnectionString, "rawinserts" + runTag);
        await table.CreateIfNotExistsAsync(cancellation);
        var raw = new RawInsertLoad(table, sessions, runTag);
        var registerers = Enumerable.Range(0, plan.Workers).Select(registrations.Worker).ToArray();
        var inserters = Enumerable.Range(0, plan.Workers).Select(raw.Worker).ToArray();

        Console.Error.WriteLine($"throughput: {plan.Workers} workers, registrations over {sessions.Length} sessions against raw inserts into table {table.Name} of the same Azurite; {plan.WarmUp.TotalSeconds:F0} s of warm-up for each, then {plan.Measured.TotalSeconds:F0} s of each in {plan.Slices} alternating slices of {plan.Slice.TotalSeconds:F1} s...");
        await ClosedLoop.RunAsync(registerers, plan.WarmUp, cpu, cancellation);
        await ClosedLoop.RunAsync(inserters, plan.WarmUp, cpu, cancellation);

        var (registered, registrationCpu) = (new Tally(0, 0), new CpuSample(0, 0, 0));
        var (inserted, rawCpu) = (new Tally(0, 0), new CpuSample(0, 0, 0));
        for (var pair = 0; pair < plan.Slices; pair++)
        {
            // ABBA: a load that drifts steadily over the run is shared evenly between the two sides.
            var registrationsFirst = pair % 2 == 0;
            (Tally Tally, CpuSample Cpu) r, w;
            if (registrationsFirst)
            {
                r = await ClosedLoop.RunAsync(registerers, plan.Slice, cpu, cancellation);
                w = await ClosedLoop.RunAsync(inserters, plan.Slice, cpu, cancellation);
            }
            else
            {
                w = await ClosedLoop.RunAsync(inserters, plan.Slice, cpu, cancellation);
                r = await ClosedLoop.RunAsync(registerers, plan.Slice, cpu, cancellation);
            }

            (registered, registrationCpu) = (registered + r.Tally, registrationCpu + r.Cpu);
            (inserted, rawCpu) = (inserted + w.Tally, rawCpu + w.Cpu);
            var pairRatio = w.Tally.Succeeded == 0 ? 0 : (double)r.Tally.Succeeded / w.Tally.Succeeded;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"throughput: slice {pair + 1}/{plan.Slices}: {r.Tally.Succeeded / plan.Slice.TotalSeconds:F0}/s registrations, {w.Tally.Succeeded / plan.Slice.TotalSeconds:F0}/s raw inserts, ratio {pairRatio:F2}"));
        }

        Console.Error.WriteLine($"throughput: {registered.Succeeded} registrations and {registered.Failed} errors in {plan.Measured.TotalSeconds:F0} s, from {visitors.Count - addressesBefore} loopback addresses; {registrationCpu.PerOperation(registered.Succeeded)}");
        Console.Error.WriteLine($"throughput: {inserted.Succeeded} raw inserts and {inserted.Failed} errors in {plan.Measured.TotalSeconds:F0} s; {rawCpu.PerOperation(inserted.Succeeded)}");
        await table.DeleteAsync(cancellation);

        return new ThroughputResult(registered.Succeeded / plan.Measured.TotalSeconds, inserted.Succeeded / plan.Measured.TotalSeconds, registered, inserted);
    }
}

/// <summary>
/// Closed loops: a fixed number of workers, each sending its next request as soon as the previous one is
/// answered.
/// </summary>
public static class ClosedLoop
{
    /// <summary>
    /// Runs the workers' loops for <paramref name="duration"/>, then lets each finish the request it has in
    /// flight, so that nothing of this window runs into the next one. Counts what completed inside the window,
    /// and the CPU time used during it.
    /// </summary>
    public static async Task<(Tally Tally, CpuSample Cpu)> RunAsync(IReadOnlyList<Func<CancellationToken, Task<bool>>> workers, TimeSpan duration, CpuMeter cpu, CancellationToken cancellation)
    {
        var start = cpu.Sample();
        var to = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var tallies = await Task.WhenAll(workers.Select(operation => Task.Run(async () =>
        {
            var tally = new Tally(0, 0);
            while (Stopwatch.GetTimestamp() < to)
            {
                var ok = await operation(cancellation);
                if (Stopwatch.GetTimestamp() < to)
                {
                    tally += ok ? new Tally(1, 0) : new Tally(0, 1);
                }
            }

            return tally;
        }, cancellation)));

        // The CPU of the requests that straddle the end is counted here; they are few against a window's
        // thousands, and both sides have them.
        return (tallies.Aggregate(new Tally(0, 0), (a, b) => a + b), cpu.Sample() - start);
    }
}

/// <summary>How long each side of the throughput runs: warm-up, then measured time cut into alternating slices.</summary>
public sealed record ThroughputPlan(int Workers, int Seconds, int WarmUpSeconds, int Slices)
{
    public TimeSpan WarmUp => TimeSpan.FromSeconds(WarmUpSeconds);

    public TimeSpan Measured => TimeSpan.FromSeconds(Seconds);

    public TimeSpan Slice => Measured / Slices;
}

/// <summary>Registrations through the API: each worker a visitor, then a new one every few requests.</summary>
internal sealed class RegistrationLoad(Visitors visitors, string[] sessions, string runTag) : IAsyncDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentBag<HttpClient> _clients = [];
    private int _next;

    public Func<CancellationToken, Task<bool>> Worker(int worker)
    {
        var client = NewVisitor();
        var sent = 0;
        return async ct =>
        {
            if (sent == Visitors.RequestsPerVisitor)
            {
                client = NewVisitor();
                sent = 0;
            }

            sent++;
            var n = Interlocked.Increment(ref _next);
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
    }

    private HttpClient NewVisitor()
    {
        var client = visitors.Next();
        _clients.Add(client);
        return client;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Raw inserts of entities shaped like a registration, with the Azure SDK the API itself uses.</summary>
internal sealed class RawInsertLoad(TableClient table, string[] sessions, string runTag)
{
    public Func<CancellationToken, Task<bool>> Worker(int worker)
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
    }
}
