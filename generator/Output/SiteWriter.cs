namespace WeekendCulturel.Generator.Output;

/// <summary>What a write changed on disk.</summary>
public sealed record WriteSummary(int Written, int Unchanged, int Deleted);

/// <summary>
/// Puts a built site on disk. It is only called once the whole site is built without error, so a failed
/// build never leaves a half-written site. Files whose bytes did not change are not rewritten (their dates
/// stay, browsers and rsync see nothing new), and files of an earlier build that are gone are deleted.
/// </summary>
public static class SiteWriter
{
    public static WriteSummary Write(string outputDirectory, IReadOnlyCollection<OutputFile> files)
    {
        var root = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(root);
        var expected = new HashSet<string>(files.Select(f => Path.GetFullPath(Path.Combine(root, f.Path))), StringComparer.Ordinal);
        var written = 0;
        var unchanged = 0;
        Parallel.ForEach(files, file =>
        {
            var path = Path.GetFullPath(Path.Combine(root, file.Path));
            if (!path.StartsWith(root, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"refusing to write outside the output folder: {file.Path}");
            }

            if (SameBytes(path, file.Bytes))
            {
                Interlocked.Increment(ref unchanged);
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);

            // Write beside, then move over: a reader (the preview server) never sees a half-written file.
            var temporary = path + ".tmp-" + Environment.CurrentManagedThreadId;
            File.WriteAllBytes(temporary, file.Bytes);
            File.Move(temporary, path, overwrite: true);
            Interlocked.Increment(ref written);
        });

        var deleted = 0;
        foreach (var stale in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => !expected.Contains(f)).ToList())
        {
            File.Delete(stale);
            deleted++;
        }

        foreach (var directory in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).ToList())
        {
            if (!Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }

        return new WriteSummary(written, unchanged, deleted);
    }

    private static bool SameBytes(string path, byte[] bytes)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != bytes.Length)
        {
            return false;
        }

        return File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
    }
}
