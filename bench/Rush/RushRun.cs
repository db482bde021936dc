using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace WeekendCulturel.Bench.Rush;

/// <summary>What the rush measured and what the server says afterwards.</summary>
public sealed record RushResult(int Held, int Confirmed, int Capacity, int Waitlisted, int Errors, double P50, double P99, IReadOnlyList<string> Problems)
{
    public string Line => string.Create(CultureInfo.InvariantCulture,
        $"rush: held {Held} and confirmed {Confirmed} of {Capacity}, waitlisted {Waitlisted}, errors {Errors}, p50 {P50:F0} ms, p99 {P99:F0} ms");
}

/// <summary>
/// N people register for the same 30-seat session at the same instant, each from their own address and
/// connection (opened beforehand, so the rush measures registrations, not TCP handshakes).
/// </summary>
public static class RushRun
{
    private sealed record Answer(HttpStatusCode? Status, string? Outcome, int? Position, double Milliseconds, string? Failure);

    public static async Task<RushResult> RunAsync(ServeProcess serve, Visitors visitors, ServerState state, int requests, string runTag, CancellationToken cancellation)
    {
        var session = BenchContent.RushSession;
        var before = await state.SessionAsync(session, cancellation);
        if (before is not { State: "open", Confirmed: 0, Waitlisted: 0 } || before.Capacity != BenchContent.Seats)
        {
            throw new InvalidOperationException($"'{session}' does not start empty with {BenchContent.Seats} seats: {before}");
        }

        var clients = Enumerable.Range(0, requests).Select(_ => visitors.Next()).ToArray();
        try
        {
            Console.Error.WriteLine($"rush: opening {requests} connections from {requests} loopback addresses...");
            await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellation }, async (client, ct) =>
            {
                using var response = await client.GetAsync("robots.txt", ct);
                response.EnsureSuccessStatusCode();
            });

            var messages = clients.Select((_, i) => Visitors.Registration(session, $"rush-{runTag}-{i}")).ToArray();
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var pending = clients.Select((client, i) => SendWhenReleasedAsync(client, messages[i], go.Task, cancellation)).ToArray();
            Console.Error.WriteLine($"rush: {requests} registrations for '{session}' released at once...");
            go.SetResult();
            var answers = await Task.WhenAll(pending);

            var problems = new List<string>();
            var errors = answers.Count(a => a.Status is null || (int)a.Status < 200 || (int)a.Status > 299);
            foreach (var failure in answers.Where(a => a.Failure is not null).Select(a => a.Failure).Distinct().Take(5))
            {
                problems.Add("request failed: " + failure);
            }

            foreach (var status in answers.Where(a => a.Status is { } s && (int)s is < 200 or > 299).GroupBy(a => a.Status))
            {
                problems.Add($"{status.Count()} answers {(int)status.Key!}");
            }

            // What the answers said: as many seats (held until the address is confirmed, or confirmed) as the
            // session has, and waiting positions 1, 2, 3... once each.
            var told = answers.Where(a => a.Outcome == "waitlisted").Select(a => a.Position ?? 0).Order().ToList();
            var seatedAnswers = answers.Count(a => a.Outcome is "confirmed" or "held");
            if (seatedAnswers != Math.Min(requests, BenchContent.Seats))
            {
                problems.Add($"the answers seated {seatedAnswers} people for {BenchContent.Seats} seats");
            }

            if (!told.SequenceEqual(Enumerable.Range(1, told.Count)))
            {
                problems.Add("the answers' waiting-list positions are not 1 to " + told.Count + " once each");
            }

            // What the server holds: its live counts and the organisers' export.
            var after = await state.SessionAsync(session, cancellation);
            var rows = await state.ExportAsync(session, cancellation);
            var confirmedRows = rows.Count(r => r.Status is "confirmed" or "held");
            var waitingPositions = rows.Where(r => r.Status == "waitlisted").Select(r => r.Position ?? 0).Order().ToList();
            if (after.Seated != confirmedRows || after.Waitlisted != waitingPositions.Count)
            {
                problems.Add($"the counts ({after.Seated} seated, {after.Waitlisted} waiting) differ from the export ({confirmedRows}, {waitingPositions.Count})");
            }

            if (after.Seated > after.Capacity)
            {
                problems.Add($"overbooked: {after.Seated} seated for {after.Capacity} seats");
            }

            if (!waitingPositions.SequenceEqual(Enumerable.Range(1, waitingPositions.Count)))
            {
                problems.Add("the export's waiting-list positions are not 1 to " + waitingPositions.Count + " once each");
            }

            if (rows.Select(r => r.Email).Distinct(StringComparer.OrdinalIgnoreCase).Count() != rows.Count)
            {
                problems.Add("the export holds an email twice");
            }

            var expectedConfirmed = Math.Min(requests, BenchContent.Seats);
            if (after.Seated != expectedConfirmed || after.Waitlisted != requests - expectedConfirmed)
            {
                problems.Add($"expected {expectedConfirmed} seated and {requests - expectedConfirmed} waiting, the server holds {after.Seated} and {after.Waitlisted}");
            }

            var times = answers.Select(a => a.Milliseconds).Order().ToArray();
            return new RushResult(after.Held, after.Confirmed, after.Capacity, after.Waitlisted, errors, Percentile(times, 50), Percentile(times, 99), problems);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<Answer> SendWhenReleasedAsync(HttpClient client, HttpRequestMessage message, Task go, CancellationToken cancellation)
    {
        await go;
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(message, cancellation);
            var body = await response.Content.ReadAsStringAsync(cancellation);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            string? outcome = null;
            int? position = null;
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(body);
                var result = json.RootElement.GetProperty("results")[0];
                outcome = result.GetProperty("status").GetString();
                position = result.TryGetProperty("position", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null;
            }

            return new Answer(response.StatusCode, outcome, position, elapsed, null);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            return new Answer(null, null, null, Stopwatch.GetElapsedTime(start).TotalMilliseconds, e.GetType().Name + ": " + e.Message);
        }
        finally
        {
            message.Dispose();
        }
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, int percent) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
