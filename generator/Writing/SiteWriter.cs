using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace WeekendCulturel.Generator.Writing;

/// <summary>What a write changed on disk.</summary>
public sealed record WriteSummary(int Written, int Unchanged, int Deleted);

/// <summary>
/// Puts a built site on disk. It is only called once the whole site is built without error, so a failed
/// build never leaves a half-written site. Files whose bytes did not change are not rewritten (their dates
/// stay, browsers and rsync see nothing new), and files of an earlier build that are gone are deleted.
/// </summary>
public sealed class SiteWriter
{
    /// <summary>Left in every output folder, so that the writer only ever cleans a folder it made.</summary>
    public const string Marker = ".weekend-culturel-site";

    internal const string MarkerText = "This folder is written by the Week-end culturel generator; it deletes what it did not make.\n";

    /// <summary>Whether the folder is missing or empty: a build into it can write pages as it renders them.</summary>
    public static bool IsEmpty(string outputDirectory) =>
        !Directory.Exists(outputDirectory) || !Directory.EnumerateFileSystemEntries(outputDirectory).Any();

    /// <summary>Starts a build into an empty folder (see <see cref="FreshWrite"/>).</summary>
    public FreshWrite BeginFresh(string outputDirectory) =>
        IsEmpty(outputDirectory) ? new FreshWrite(Path.GetFullPath(outputDirectory)) : throw new InvalidOperationException($"{outputDirectory} is not empty");

    /// <summary>
    /// Writes a whole file in one system call: opening for writing and one positioned write, without the
    /// buffering and the length bookkeeping of a stream (tens of thousands of files make them count).
    /// </summary>
    internal static void WriteFile(string path, ReadOnlySpan<byte> bytes)
    {
        using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.None, preallocationSize: 0);
        RandomAccess.Write(handle, bytes, 0);
    }

    // Write beside, then move over: a reader (the preview server) never sees a half-written file.
    private static void ReplaceFile(string path, byte[] bytes)
    {
        var temporary = path + ".tmp-" + Environment.CurrentManagedThreadId;
        WriteFile(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The full path of a file of the site, refusing any that would land outside the folder.</summary>
    internal static string Resolve(string root, string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(root, relativePath));
        return path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException($"refusing to write outside the output folder: {relativePath}");
    }

    /// <summary>
    /// Whether the folder may receive a build: it does not exist, is empty, or was made by this writer. Stale
    /// files are deleted after a build, so pointing --output at a folder of one's own must not empty it.
    /// </summary>
    public static bool MayWriteTo(string outputDirectory) =>
        !Directory.Exists(outputDirectory)
        || !Directory.EnumerateFileSystemEntries(outputDirectory).Any()
        || File.Exists(Path.Combine(outputDirectory, Marker));

    // What this writer last put on disk (path -> SHA-256), so that serve's rebuilds need not read the files back.
    private readonly ConcurrentDictionary<string, (long Length, DateTime Written, string Hash)> _written = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether to remember what was written: serve rebuilds the same folder again and again, a one-off build
    /// never looks back and need not hash hundreds of megabytes.
    /// </summary>
    public bool Remember { get; init; } = true;

    /// <summary>
    /// Writes the built files; <paramref name="started"/> is the build's fresh write, when its pages are
    /// already on disk.
    /// </summary>
    public WriteSummary Write(string outputDirectory, IReadOnlyCollection<OutputFile> files, FreshWrite? started = null)
    {
        var root = Path.GetFullPath(outputDirectory);
        if (!MayWriteTo(root))
        {
            throw new InvalidOperationException($"{outputDirectory} holds files this generator did not write");
        }

        // Into an empty folder there is nothing to compare with and nothing stale to delete.
        var fresh = started is not null || IsEmpty(root);
        Directory.CreateDirectory(root);
        files = [.. files, OutputFile.Text(Marker, MarkerText)];
        var targets = files.Select(f => (File: f, Path: Resolve(root, f.Path))).ToList();

        // Each folder is made once, not once per file.
        foreach (var directory in targets.Select(t => Path.GetDirectoryName(t.Path)!).Distinct(StringComparer.Ordinal))
        {
            Directory.CreateDirectory(directory);
        }

        var written = 0;
        var unchanged = 0;
        Parallel.ForEach(targets, target =>
        {
            var (file, path) = target;
            var hash = Remember || !fresh ? Convert.ToHexString(SHA256.HashData(file.Bytes)) : null;
            if (!fresh && Unchanged(path, file.Bytes, hash!))
            {
                Interlocked.Increment(ref unchanged);
                return;
            }

            if (fresh)
            {
                WriteFile(path, file.Bytes);
            }
            else
            {
                ReplaceFile(path, file.Bytes);
            }

            if (hash is not null && Remember)
            {
                _written[path] = (file.Bytes.Length, File.GetLastWriteTimeUtc(path), hash);
            }

            Interlocked.Increment(ref written);
        });

        var deleted = fresh ? 0 : DeleteStale(root, targets.Select(t => t.Path).ToHashSet(StringComparer.Ordinal));
        if (started is not null)
        {
            written += started.Count;
        }

        return new WriteSummary(written, unchanged, deleted);
    }

    /// <summary>
    /// Writes a few files of a site already on disk, as an incremental rebuild does: nothing else is looked
    /// at, nothing is deleted.
    /// </summary>
    public WriteSummary WriteSome(string outputDirectory, IReadOnlyCollection<OutputFile> files)
    {
        var root = Path.GetFullPath(outputDirectory);
        var written = 0;
        var unchanged = 0;
        Parallel.ForEach(files, file =>
        {
            var path = Resolve(root, file.Path);

            var hash = Convert.ToHexString(SHA256.HashData(file.Bytes));
            if (Unchanged(path, file.Bytes, hash))
            {
                Interlocked.Increment(ref unchanged);
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            ReplaceFile(path, file.Bytes);
            if (Remember)
            {
                _written[path] = (file.Bytes.Length, File.GetLastWriteTimeUtc(path), hash);
            }

            Interlocked.Increment(ref written);
        });
        return new WriteSummary(written, unchanged, 0);
    }

    private int DeleteStale(string root, HashSet<string> expected)
    {
        var deleted = 0;
        var emptied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => !expected.Contains(f)).ToList())
        {
            File.Delete(stale);
            _written.TryRemove(stale, out _);
            emptied.Add(Path.GetDirectoryName(stale)!);
            deleted++;
        }

        // Only the folders that lost a file can have become empty; deepest first, up to the root.
        foreach (var directory in emptied.OrderByDescending(d => d.Length))
        {
            for (var current = directory; current.Length > root.Length && Directory.Exists(current) && !Directory.EnumerateFileSystemEntries(current).Any(); current = Path.GetDirectoryName(current)!)
            {
                Directory.Delete(current);
            }
        }

        return deleted;
    }

    private bool Unchanged(string path, byte[] bytes, string hash)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != bytes.Length)
        {
            return false;
        }

        // A file this writer wrote, untouched since (same length and date), is known by its hash.
        if (_written.TryGetValue(path, out var known) && known.Length == info.Length && known.Written == info.LastWriteTimeUtc)
        {
            return known.Hash == hash;
        }

        var same = File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
        if (same)
        {
            _written[path] = (info.Length, info.LastWriteTimeUtc, hash);
        }

        return same;
    }
}
