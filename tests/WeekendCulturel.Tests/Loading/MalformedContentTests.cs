using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using WeekendCulturel.Generator.Cli;
using WeekendCulturel.Tests.Support;
using Xunit.Abstractions;

namespace WeekendCulturel.Tests.Loading;

/// <summary>
/// Content broken the ways editors, editors' tools and half-finished saves break it. Whatever the bytes,
/// <c>check</c> answers with exit 0, or with exit 1 and at least one <c>path:line:col: error:</c>, and in
/// bounded time: never a .NET trace, never a hang. Checks run in-process through the command line's own
/// entry (no process to start), on a folder of only the files each one needs: about 3,700 checks cost some
/// 20 s of CPU.
/// </summary>
public sealed partial class MalformedContentTests(ITestOutputHelper output)
{
    private const int BaseSeed = 20250208;

    // Seeded variants of each randomised kind of damage, per file: one keeps the whole test under a minute
    // on two shared cores, beside the cut after every line and the fixed kinds. WC_FUZZ_VARIANTS=N asks for
    // a deeper run (20 gives a few hundred mutations per file), with other seeds each time N grows.
    private static readonly int VariantsPerKind =
        int.TryParse(Environment.GetEnvironmentVariable("WC_FUZZ_VARIANTS"), out var variants) && variants > 0 ? variants : 1;

    // One check of a few files takes milliseconds; this only tells a hang from a slow machine.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public void An_unclosed_bracket_in_a_session_s_tags_is_a_located_error()
    {
        using var copy = new ContentCopy();
        copy.Replace("sessions/atelier-compar-ia.md", "esprit critique]", "esprit critique");

        var run = Check(copy.Content);

        Assert.Equal(1, run.Code);
        Assert.Matches(LocatedError(), run.Error);
        // At the bracket left open, not at the line where the scanner gave up.
        Assert.Contains($"sessions/atelier-compar-ia.md:{copy.LineOf("sessions/atelier-compar-ia.md", "tags: [")}:7: error: YAML syntax", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_control_character_in_a_press_item_s_body_is_a_located_error()
    {
        using var copy = new ContentCopy();
        const string file = "press/communique-annonce.md";
        var line = File.ReadAllLines(copy.PathOf(file)).Length;
        File.AppendAllText(copy.PathOf(file), "Une ligne\u0007 copiée d’un terminal.\n");

        var run = Check(copy.Content);

        Assert.Equal(1, run.Code);
        Assert.Contains($"{file}:{line + 1}:10: error: a control character (U+0007)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_saved_in_latin_1_is_a_located_error()
    {
        using var copy = new ContentCopy();
        const string file = "speakers/kak.md";
        var text = copy.Read(file);
        File.WriteAllBytes(copy.PathOf(file), System.Text.Encoding.Latin1.GetBytes(text));
        // The first letter beyond ASCII is the first byte that is not UTF-8.
        var (line, column) = text.Split('\n').Select((l, i) => (Line: i + 1, Column: l.AsSpan().IndexOfAnyInRange('\u0080', '\u00FF') + 1)).First(p => p.Column > 0);

        var run = Check(copy.Content);

        Assert.Equal(1, run.Code);
        Assert.Contains($"{file}:{line}:{column}: error: these bytes are not UTF-8", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_content_file_broken_in_every_way_is_reported_or_accepted_never_crashes()
    {
        var clock = Stopwatch.StartNew();
        var files = Directory.GetFiles(Repository.Content, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Content, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var failures = new List<string>();
        var count = 0;
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, file =>
        {
            using var folder = new FocusedContent(file);
            var original = File.ReadAllBytes(Path.Combine(Repository.Content, file));
            foreach (var mutation in Mutations(file, original))
            {
                Interlocked.Increment(ref count);
                folder.Put(mutation.Bytes);
                if (Verdict(folder.Root) is { } problem)
                {
                    lock (failures)
                    {
                        failures.Add($"content/{file}, {mutation.Name}, seed {mutation.Seed}: {problem}");
                    }
                }
            }
        });

        output.WriteLine($"{count} mutations of {files.Count} files in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} mutations failed ({clock.Elapsed.TotalSeconds:0.0} s):\n" + string.Join('\n', failures.Order(StringComparer.Ordinal).Take(40)));
        Assert.True(count > 2_000, $"only {count} mutations ran");
    }

    /// <summary>Why a run of check on this folder is not acceptable, or null when it is.</summary>
    private static string? Verdict(string content)
    {
        var run = Task.Run(() => Check(content));
        try
        {
            if (!run.Wait(Bound))
            {
                return $"check did not end within {Bound.TotalSeconds:0} s";
            }
        }
        catch (AggregateException e)
        {
            var inner = e.InnerException!;
            return $"check threw {inner.GetType().Name}: {inner.Message}\n{inner.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}";
        }

        var (code, error) = run.Result;
        return code switch
        {
            0 => null,
            1 when LocatedError().IsMatch(error) => null,
            1 => "exit 1 without any path:line:col: error: line; it printed: " + error,
            _ => $"exit {code}; it printed: {error}",
        };
    }

    private static (int Code, string Error) Check(string content)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = GeneratorCommand.RunAsync(["check", "--content", content, "--now", "2025-02-01T10:00:00+01:00", "--quiet"], output, error).GetAwaiter().GetResult();
        return (code, error.ToString());
    }

    /// <summary>One way of breaking a file: what it did, the seed it drew its places from, and the bytes.</summary>
    private sealed record Mutation(string Name, int Seed, byte[] Bytes);

    private static IEnumerable<Mutation> Mutations(string file, byte[] original)
    {
        var text = Encoding.UTF8.GetString(original);
        var lines = text.Split('\n');
        var frontMatterEnd = file.EndsWith(".md", StringComparison.Ordinal) ? Array.IndexOf(lines, "---", 1) : lines.Length;
        var seed = BaseSeed ^ StableHash(file);
        byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);
        string Join(IEnumerable<string> l) => string.Join('\n', l);

        yield return new Mutation("an empty file", seed, []);
        yield return new Mutation("a byte-order mark", seed, [0xEF, 0xBB, 0xBF, .. original]);
        yield return new Mutation("two byte-order marks", seed, [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. original]);
        yield return new Mutation("CRLF line ends", seed, Bytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)));
        yield return new Mutation("CR line ends", seed, Bytes(text.Replace("\n", "\r", StringComparison.Ordinal)));
        if (frontMatterEnd > 0 && frontMatterEnd < lines.Length)
        {
            yield return new Mutation("front matter with no closing ---", seed, Bytes(Join(lines.Where((_, i) => i != frontMatterEnd))));
        }

        for (var cut = 1; cut < lines.Length; cut++)
        {
            yield return new Mutation($"cut after line {cut}", seed, Bytes(Join(lines.Take(cut))));
        }

        // The randomised kinds pick their place in the YAML (the front matter, or the whole .yml file).
        var yamlLines = Math.Max(1, frontMatterEnd);
        for (var variant = 0; variant < VariantsPerKind; variant++)
        {
            foreach (var (kind, damage, index) in Kinds.Select((k, i) => (k.Kind, k.Damage, i)))
            {
                var mutationSeed = seed + (variant * 1000) + index;
                var random = new Random(mutationSeed);
                var (where, bytes) = damage(random, lines, yamlLines, original);
                yield return new Mutation($"{kind} {where}", mutationSeed, bytes);
            }
        }
    }

    private delegate (string Where, byte[] Bytes) Damage(Random random, string[] lines, int yamlLines, byte[] original);

    private static readonly (string Kind, Damage Damage)[] Kinds =
    [
        ("cut in the middle of a line", (r, lines, _, original) =>
        {
            var at = r.Next(0, original.Length);
            return ($"(at byte {at})", original[..at]);
        }),
        ("an unclosed [", (r, lines, n, _) => EditLine(r, lines, n, l => AfterColon(l, "[") ?? l + " [")),
        ("an unclosed {", (r, lines, n, _) => EditLine(r, lines, n, l => AfterColon(l, "{ a: ") ?? l + " {")),
        ("a closing bracket removed", (r, lines, n, _) => EditLine(r, lines, n, l => l.LastIndexOfAny([']', '}']) is var i and >= 0 ? l.Remove(i, 1) : l + "]")),
        ("an unclosed \"", (r, lines, n, _) => EditLine(r, lines, n, l => AfterColon(l, "\"") ?? "\"" + l)),
        ("an unclosed '", (r, lines, n, _) => EditLine(r, lines, n, l => AfterColon(l, "'") ?? "'" + l)),
        ("a tab as indentation", (r, lines, n, _) => EditLine(r, lines, n, l => "\t" + l.TrimStart(' '))),
        ("a duplicated key", (r, lines, n, _) =>
        {
            var at = r.Next(1, Math.Max(2, n));
            at = Math.Min(at, lines.Length - 1);
            var copy = lines.ToList();
            copy.Insert(Math.Min(at + 1 + r.Next(0, 3), copy.Count), lines[at]);
            return ($"(line {at + 1} repeated)", Encoding.UTF8.GetBytes(string.Join('\n', copy)));
        }),
        ("a line of 100,000 characters", (r, lines, n, _) =>
        {
            var at = r.Next(0, lines.Length + 1);
            var line = r.Next(3) switch
            {
                0 => new string('x', 100_000),
                1 => "title: " + new string('é', 100_000),
                _ => new string('k', 100_000) + ": v",
            };
            var copy = lines.ToList();
            copy.Insert(at, line);
            return ($"(before line {at + 1})", Encoding.UTF8.GetBytes(string.Join('\n', copy)));
        }),
        ("invalid UTF-8", (r, _, _, original) =>
        {
            byte[][] sequences = [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80]];
            var at = r.Next(0, original.Length + 1);
            return ($"(at byte {at})", [.. original[..at], .. sequences[r.Next(sequences.Length)], .. original[at..]]);
        }),
        ("binary bytes", (r, _, _, original) =>
        {
            var noise = new byte[r.Next(1, 64)];
            r.NextBytes(noise);
            var at = r.Next(0, original.Length + 1);
            return ($"({noise.Length} at byte {at})", [.. original[..at], .. noise, .. original[at..]]);
        }),
    ];

    private static (string, byte[]) EditLine(Random random, string[] lines, int yamlLines, Func<string, string> edit)
    {
        var at = Math.Min(random.Next(0, yamlLines), lines.Length - 1);
        var copy = (string[])lines.Clone();
        copy[at] = edit(copy[at]);
        return ($"(line {at + 1})", Encoding.UTF8.GetBytes(string.Join('\n', copy)));
    }

    private static string? AfterColon(string line, string insert)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? null : line.Insert(colon + 2, insert);
    }

    private static int StableHash(string text)
    {
        var hash = 2166136261;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash & 0x7FFFFFFF);
    }

    [GeneratedRegex(@"^.+:\d+:\d+: error: ", RegexOptions.Multiline)]
    private static partial Regex LocatedError();

    /// <summary>
    /// A content folder with the file under test and only what it needs beside it: the event (site.yml and
    /// partners.yml), the file's translation or original, and for a session the venue and speakers it names.
    /// A check of a few files takes a millisecond or two where the whole content takes tens.
    /// </summary>
    private sealed partial class FocusedContent : IDisposable
    {
        private readonly string _target;

        public FocusedContent(string file)
        {
            Root = Path.Combine(Path.GetTempPath(), "wc-tests", "fuzz-" + Guid.NewGuid().ToString("N"), "content");
            foreach (var folder in new[] { "sessions", "venues", "speakers", "press", "pages" })
            {
                Directory.CreateDirectory(Path.Combine(Root, folder));
            }

            var french = file.EndsWith(".en.md", StringComparison.Ordinal) ? file[..^6] + ".md" : file;
            var wanted = new List<string> { "site.yml", "partners.yml", file };
            if (file.EndsWith(".md", StringComparison.Ordinal))
            {
                wanted.AddRange([french, french[..^3] + ".en.md"]);
            }

            if (file.StartsWith("sessions/", StringComparison.Ordinal))
            {
                var frontMatter = File.ReadAllText(Path.Combine(Repository.Content, french));
                var references = VenueLine().Matches(frontMatter).Select(m => "venues/" + m.Groups[1].Value)
                    .Concat(SpeakersLine().Matches(frontMatter).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Select(id => "speakers/" + id));
                wanted.AddRange(references.SelectMany(r => new[] { r + ".md", r + ".en.md" }));
            }

            foreach (var relative in wanted.Distinct(StringComparer.Ordinal))
            {
                var source = Path.Combine(Repository.Content, relative);
                if (File.Exists(source))
                {
                    File.Copy(source, Path.Combine(Root, relative));
                }
            }

            _target = Path.Combine(Root, file);
        }

        public string Root { get; }

        public void Put(byte[] bytes) => File.WriteAllBytes(_target, bytes);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }

        [GeneratedRegex(@"^venue:\s*(\S+)", RegexOptions.Multiline)]
        private static partial Regex VenueLine();

        [GeneratedRegex(@"^speakers:\s*\[([^\]]*)\]", RegexOptions.Multiline)]
        private static partial Regex SpeakersLine();
    }
}
