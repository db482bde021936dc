using WeekendCulturel.Bench.Rush;

// rush [--sessions-rush 2000] [--seconds 30] [--warm-up 15] [--slices 6] [--workers 64] [--pollers 24] [--poll-interval 0] [rush|throughput|all|pollers]
// Starts the built generator's `serve` (with the real Azurite it starts) on a fresh copy of the content and
// fresh registration data, then: the rush (N registrations at once for one 30-seat session, checked against
// the server's state), and/or the throughput (registrations per second through the API against raw Table
// inserts per second on the same Azurite), or registration times with and without pollers of the live seats.
// The result lines go to stdout; progress goes to stderr.
if (args.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine(RushOptions.Usage);
    return 0;
}

var (options, error) = RushOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine($"rush: {error}");
    Console.Error.WriteLine(RushOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop the run, but let the finally blocks stop serve and its Azurite.
    e.Cancel = true;
    stop.Cancel();
};

var runTag = Guid.NewGuid().ToString("N")[..8];
var work = Path.Combine(Path.GetTempPath(), "rush-" + runTag);
Directory.CreateDirectory(work);
var failed = true;
try
{
    var content = Path.Combine(work, "content");
    BenchContent.Prepare(options.Repository, content);
    Console.Error.WriteLine($"rush: starting serve in {work} (fresh .data/, '{BenchContent.RushSession}' with {BenchContent.Seats} seats, --now {ServeProcess.Now})...");
    await using var serve = await ServeProcess.StartAsync(options.Repository, work, content, stop.Token);
    Console.Error.WriteLine($"rush: serve on port {serve.Port}, Azurite on port {serve.AzuritePort}; the API's rate limit is left as configured (20 POSTs per address per minute)");
    using var state = new ServerState(serve.BaseAddress, serve.AdminKey!);
    var visitors = new Visitors(serve.BaseAddress);
    var problems = new List<string>();

    if (options.RunRush)
    {
        var rush = await RushRun.RunAsync(serve, visitors, state, options.RushRequests, runTag, stop.Token);
        Console.WriteLine(rush.Line);
        problems.AddRange(rush.Problems);
    }

    if (options.RunThroughput)
    {
        var throughput = await ThroughputRun.RunAsync(serve, visitors, state, options.Throughput, runTag, stop.Token);
        Console.WriteLine(throughput.Line);
        if (throughput.RegistrationTally.Failed > 0)
        {
            problems.Add($"{throughput.RegistrationTally.Failed} registrations failed during the throughput run");
        }
    }

    if (options.RunPollers)
    {
        var pollers = await PollersRun.RunAsync(serve, visitors, state, options.Throughput, options.Pollers, TimeSpan.FromMilliseconds(options.PollIntervalMs), runTag, stop.Token);
        Console.WriteLine(pollers.Line);
        if (pollers.Alone.Failed + pollers.Polled.Failed + pollers.FailedPolls > 0)
        {
            problems.Add($"{pollers.Alone.Failed + pollers.Polled.Failed} registrations and {pollers.FailedPolls} polls failed during the pollers run");
        }
    }

    await serve.StopAsync();
    foreach (var problem in problems)
    {
        Console.Error.WriteLine("rush: PROBLEM: " + problem);
    }

    failed = problems.Count > 0;
    return failed ? 1 : 0;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("rush: interrupted");
    return 130;
}
catch (Exception e)
{
    Console.Error.WriteLine("rush: error: " + e.Message);
    return 1;
}
finally
{
    if (failed)
    {
        Console.Error.WriteLine($"rush: the run's folder is kept for a look: {work} (serve.log)");
    }
    else
    {
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // Azurite may hold a file for a moment after it stops; a temporary folder left behind is harmless.
        }
    }
}
