using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace WeekendCulturel.Bench.Rush;

/// <summary>
/// What a registration would cost Azurite under other storage layouts, before anyone rebuilds the store for
/// them. Each layout is a closed loop of workers making, straight through the Azure SDK, the requests that
/// layout would make for a person joining a session's waiting list (what most of the throughput run's
/// registrations are), in a fresh table of the same Azurite; raw inserts are measured beside them. No API
/// and no registration rules: this compares storage shapes only, and says nothing of what the API adds.
/// </summary>
/// <remarks>
/// The layouts, per registration:
/// <list type="bullet">
/// <item><c>sessions</c>, today's: the booking (one insert in one of 256 booking partitions), then one
/// transaction in the session's partition: the counter's update (with its ETag) and the person's row.</item>
/// <item><c>days</c>: the sessions of a day share a partition; one transaction there holds the counter's
/// update, the person's row, their record for the day (for overlaps) and the booking.</item>
/// <item><c>days-shared</c>: as <c>days</c>, and the registrations waiting for the same day's partition
/// share one transaction (up to 100 actions), one transaction in flight per partition, as the store's
/// group commit does for a session today.</item>
/// </list>
/// </remarks>
public static class LayoutRun
{
    public static readonly string[] Layouts = ["raw", "sessions", "days", "days-shared"];

    public static async Task<IReadOnlyList<string>> RunAsync(ServeProcess serve, ThroughputPlan plan, string runTag, CancellationToken cancellation)
    {
        var cpu = new CpuMeter(serve.ProcessId);
        var results = Layouts.ToDictionary(l => l, _ => new List<(double Rate, double AzuriteMs)>());

        // Two rounds in opposite orders, so that Azurite's growing data weighs on every layout alike; half the
        // measured time in each. The tool's own runtime warms up on the first layouts, so a short warm-up
        // per layout is enough (only the storage shapes differ; serve is not in the loop).
        var order = Layouts.Concat(Layouts.Reverse()).ToArray();
        var warmUp = TimeSpan.FromSeconds(Math.Min(plan.WarmUpSeconds, 5));
        var measured = plan.Measured / 2;
        Console.Error.WriteLine($"layouts: {plan.Workers} workers, {warmUp.TotalSeconds:F0} s of warm-up and {measured.TotalSeconds:F0} s measured for each, in the order {string.Join(", ", order)}...");
        var round = 0;
        foreach (var layout in order)
        {
            round++;
            var table = new TableClient(serve.AzuriteConnectionString, $"layout{runTag}{round}");
            await table.CreateIfNotExistsAsync(cancellation);
            var shape = new LayoutShape(layout, table, runTag + round);
            await shape.CreateCountersAsync(cancellation);
            var workers = Enumerable.Range(0, plan.Workers).Select(shape.Worker).ToArray();
            await ClosedLoop.RunAsync(workers, warmUp, cpu, cancellation);
            var (tally, used) = await ClosedLoop.RunAsync(workers, measured, cpu, cancellation);
            var rate = tally.Succeeded / measured.TotalSeconds;
            var azurite = tally.Succeeded == 0 ? 0 : used.Azurite * 1000 / tally.Succeeded;
            results[layout].Add((rate, azurite));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"layouts: {layout}: {rate:F0}/s, {tally.Failed} errors, Azurite {azurite:F2} ms each, {shape.Requests / Math.Max(1.0, shape.Done):F2} requests each"));
            await table.DeleteAsync(cancellation);
        }

        var raw = results["raw"].Average(r => r.Rate);
        return Layouts.Skip(1).Select(layout => string.Create(CultureInfo.InvariantCulture,
            $"layout {layout}: {results[layout].Average(r => r.Rate):F0}/s against {raw:F0}/s raw inserts, ratio {results[layout].Average(r => r.Rate) / raw:F2}, Azurite {results[layout].Average(r => r.AzuriteMs):F2} ms against {results["raw"].Average(r => r.AzuriteMs):F2} ms")).ToList();
    }
}

/// <summary>The requests of one layout, for workers registering people to the waiting lists of 32 sessions on 2 days.</summary>
internal sealed class LayoutShape(string layout, TableClient table, string tag)
{
    private const int Sessions = 32;
    private const int Days = 2;
    private const int MaxActions = 100;

    private readonly ConcurrentDictionary<string, (SemaphoreSlim Gate, ETag ETag, long Next)> _counters = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Pending>> _queues = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _flushing = new();
    private long _requests;
    private long _done;

    public long Requests => Interlocked.Read(ref _requests);

    public long Done => Interlocked.Read(ref _done);

    private static string Day(int session) => "d-" + (session % Days);

    private string CounterPartition(int session) => layout is "sessions" or "raw" ? "s-" + session : Day(session);

    private string CounterRow(int session) => layout is "sessions" or "raw" ? "!counter" : "c-" + session;

    public async Task CreateCountersAsync(CancellationToken cancellation)
    {
        for (var session = 0; session < Sessions; session++)
        {
            var added = await table.AddEntityAsync(Counter(session, next: 1), cancellation);
            _counters[Key(session)] = (new SemaphoreSlim(1, 1), added.Headers.ETag!.Value, 1);
        }
    }

    /// <summary>A session's counter once the waiting numbers below <paramref name="next"/> are given out (everyone waits: no seats).</summary>
    private TableEntity Counter(int session, long next) => new(CounterPartition(session), CounterRow(session))
    {
        ["Capacity"] = 0,
        ["Waitlist"] = true,
        ["Confirmed"] = 0,
        ["Waiting"] = (int)(next - 1),
        ["NextSequence"] = next,
    };

    private string Key(int session) => CounterPartition(session) + "/" + CounterRow(session);

    public Func<CancellationToken, Task<bool>> Worker(int worker)
    {
        var n = 0;
        return async ct =>
        {
            n++;
            var person = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{tag}-{worker}-{n}")));
            var token = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"t-{tag}-{worker}-{n}")));
            var session = (worker + n) % Sessions;
            try
            {
                await (layout switch
                {
                    "raw" => RawAsync(session, person, ct),
                    "sessions" => SessionsAsync(session, person, token, ct),
                    "days" => DaysAsync(session, person, token, ct),
                    _ => DaysSharedAsync(session, person, token, ct),
                });
                Interlocked.Increment(ref _done);
                return true;
            }
            catch (RequestFailedException) when (!ct.IsCancellationRequested)
            {
                return false;
            }
        };
    }

    private async Task RawAsync(int session, string person, CancellationToken ct)
    {
        Interlocked.Increment(ref _requests);
        await table.AddEntityAsync(Row(CounterPartition(session), "r-" + person, 0), ct);
    }

    private async Task SessionsAsync(int session, string person, string token, CancellationToken ct)
    {
        Interlocked.Increment(ref _requests);
        await table.AddEntityAsync(Booking("!b-" + person[..2], "p-" + person, token, person, session), ct);
        await WithCounterAsync(session, async (counter, sequence) =>
        {
            Interlocked.Increment(ref _requests);
            return await table.SubmitTransactionAsync([counter, new(TableTransactionActionType.Add, Row(CounterPartition(session), "r-" + person, sequence))], ct);
        });
    }

    private async Task DaysAsync(int session, string person, string token, CancellationToken ct)
    {
        var day = Day(session);
        await WithCounterAsync(session, async (counter, sequence) =>
        {
            Interlocked.Increment(ref _requests);
            return await table.SubmitTransactionAsync(
            [
                counter,
                new(TableTransactionActionType.Add, Row(day, $"r~{session}~{person}", sequence)),
                new(TableTransactionActionType.Add, PersonDay(day, person, session)),
                new(TableTransactionActionType.Add, Booking(day, "k~" + token, token, person, session)),
            ], ct);
        });
    }

    /// <summary>Queues the registration for its day's partition; whoever finds no transaction in flight there sends everything queued.</summary>
    private async Task DaysSharedAsync(int session, string person, string token, CancellationToken ct)
    {
        var day = Day(session);
        var mine = new Pending(session, person, token);
        _queues.GetOrAdd(day, _ => new ConcurrentQueue<Pending>()).Enqueue(mine);
        var gate = _flushing.GetOrAdd(day, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            while (!mine.Done.Task.IsCompleted)
            {
                await FlushAsync(day, ct);
            }
        }
        finally
        {
            gate.Release();
        }

        await mine.Done.Task;
    }

    private async Task FlushAsync(string day, CancellationToken ct)
    {
        var queue = _queues[day];
        var group = new List<Pending>();
        var joined = new Dictionary<int, int>();
        while (queue.TryPeek(out var next) && group.Count * 3 + joined.Count + (joined.ContainsKey(next.Session) ? 0 : 1) + 3 <= MaxActions && queue.TryDequeue(out next))
        {
            group.Add(next);
            joined[next.Session] = joined.GetValueOrDefault(next.Session) + 1;
        }

        if (group.Count == 0)
        {
            return;
        }

        // Each session's counter once, then each person's three rows, waiting numbers in queue order.
        var actions = joined.Select(j => new TableTransactionAction(TableTransactionActionType.UpdateReplace, Counter(j.Key, _counters[Key(j.Key)].Next + j.Value), _counters[Key(j.Key)].ETag)).ToList();
        var given = new Dictionary<int, long>();
        foreach (var p in group)
        {
            var sequence = _counters[Key(p.Session)].Next + given.GetValueOrDefault(p.Session);
            given[p.Session] = given.GetValueOrDefault(p.Session) + 1;
            actions.Add(new(TableTransactionActionType.Add, Row(day, $"r~{p.Session}~{p.Person}", sequence)));
            actions.Add(new(TableTransactionActionType.Add, PersonDay(day, p.Person, p.Session)));
            actions.Add(new(TableTransactionActionType.Add, Booking(day, "k~" + p.Token, p.Token, p.Person, p.Session)));
        }

        try
        {
            Interlocked.Increment(ref _requests);
            var answers = await table.SubmitTransactionAsync(actions, ct);
            var i = 0;
            foreach (var (session, count) in joined)
            {
                var held = _counters[Key(session)];
                _counters[Key(session)] = (held.Gate, answers.Value[i++].Headers.ETag!.Value, held.Next + count);
            }

            group.ForEach(p => p.Done.TrySetResult());
        }
        catch (Exception e)
        {
            group.ForEach(p => p.Done.TrySetException(e));
        }
    }

    /// <summary>Runs a transaction on a session's counter, one writer at a time per counter, on the ETag last committed.</summary>
    private async Task WithCounterAsync(int session, Func<TableTransactionAction, long, Task<Response<IReadOnlyList<Response>>>> commit)
    {
        var key = Key(session);
        var gate = _counters[key].Gate;
        await gate.WaitAsync();
        try
        {
            var held = _counters[key];
            var answers = await commit(new TableTransactionAction(TableTransactionActionType.UpdateReplace, Counter(session, held.Next + 1), held.ETag), held.Next);
            _counters[key] = (gate, answers.Value[0].Headers.ETag!.Value, held.Next + 1);
        }
        finally
        {
            gate.Release();
        }
    }

    private static TableEntity Row(string partition, string row, long sequence) => new(partition, row)
    {
        ["BookingId"] = "b_" + row[^12..],
        ["Status"] = "Waitlisted",
        ["Sequence"] = sequence,
        ["FirstName"] = "Rush",
        ["LastName"] = "layout-" + row[^8..],
        ["Email"] = row[^10..] + "@example.org",
        ["Organisation"] = "",
        ["Lang"] = "fr",
        ["RegisteredAt"] = DateTimeOffset.UtcNow,
        ["ChangedAt"] = DateTimeOffset.UtcNow,
    };

    private static TableEntity Booking(string partition, string row, string token, string person, int session) => new(partition, row)
    {
        ["TokenHash"] = token,
        ["BookingId"] = "b_" + token[..16],
        ["EmailHash"] = person,
        ["Sessions"] = "session-" + session,
        ["FirstName"] = "Rush",
        ["Email"] = person[..10] + "@example.org",
        ["Lang"] = "fr",
        ["CreatedAt"] = DateTimeOffset.UtcNow,
    };

    private static TableEntity PersonDay(string partition, string person, int session) => new(partition, "p~" + person)
    {
        ["Confirmed"] = "",
        ["Sessions"] = "session-" + session,
    };

    private sealed record Pending(int Session, string Person, string Token)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
