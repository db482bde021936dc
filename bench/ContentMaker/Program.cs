using WeekendCulturel.Bench.ContentMaker;

// content-maker --sessions N --output DIR
// Writes DIR/ours/content (our content format, ready for `weekend-culturel build`) and DIR/common (the same
// texts as plain Markdown pages with complete front matter, read by the Hugo and Eleventy sites in bench/).
var sessions = 1000;
string? output = null;
var repository = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--sessions" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
            sessions = n;
            i++;
            break;
        case "--output" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "--repository" when i + 1 < args.Length:
            repository = args[++i];
            break;
        default:
            Console.Error.WriteLine("usage: content-maker --sessions N --output DIR [--repository DIR]");
            return 2;
    }
}

if (output is null)
{
    Console.Error.WriteLine("usage: content-maker --sessions N --output DIR [--repository DIR]");
    return 2;
}

var plan = SyntheticEvent.Plan(sessions, seed: 20250208);
new OurContentWriter(plan, Path.Combine(repository, "content")).Write(Path.Combine(output, "ours", "content"));
new CommonContentWriter(plan).Write(Path.Combine(output, "common"));
Console.WriteLine($"{plan.Sessions.Count} sessions, {plan.Speakers.Count} speakers, {plan.Venues.Count} venues in {output}");
return 0;
