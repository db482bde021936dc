using System.Collections.Concurrent;
using WeekendCulturel.Generator.Assets;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Writing;

/// <summary>
/// A build into an empty folder, whose pages go to disk as soon as they are rendered instead of waiting in
/// memory for the whole site (at ten thousand sessions, hundreds of megabytes). The pages still name their
/// assets by placeholder at that point; <see cref="Link"/> writes the fingerprints over them in place once
/// the bundle is known. If the build fails on the way, <see cref="Abandon"/> empties the folder again, so a
/// failed build leaves nothing published, as before.
/// </summary>
public sealed class FreshWrite
{
    private readonly string _root;
    private readonly ConcurrentBag<(string Path, (int Slot, int Kind)[] Slots)> _pages = [];
    private readonly ConcurrentDictionary<string, bool> _directories = new(StringComparer.Ordinal);

    internal FreshWrite(string root)
    {
        _root = root;
        Directory.CreateDirectory(root);
        // The marker first: a crash half-way leaves a folder the next build may clean.
        File.WriteAllText(Path.Combine(root, SiteWriter.Marker), SiteWriter.MarkerText);
    }

    public int Count => _pages.Count;

    /// <summary>Writes one page or data file (a path relative to the output folder) and notes where its placeholders are.</summary>
    public void Write(string relativePath, byte[] html)
    {
        var path = SiteWriter.Resolve(_root, relativePath);
        var directory = Path.GetDirectoryName(path)!;
        // Once per folder; a thread that finds the folder listed knows it was made (pages and data files of
        // the same folder are written in parallel).
        _directories.GetOrAdd(directory, static d =>
        {
            Directory.CreateDirectory(d);
            return true;
        });

        SiteWriter.WriteFile(path, html);
        _pages.Add((path, AssetBundler.PlaceholderSlots(html)));
    }

    /// <summary>Writes the assets' fingerprints over the placeholders of every page written.</summary>
    public void Link(AssetUrls urls)
    {
        Parallel.ForEach(_pages.Where(p => p.Slots.Length > 0), page =>
        {
            using var handle = File.OpenHandle(page.Path, FileMode.Open, FileAccess.ReadWrite);
            foreach (var (slot, kind) in page.Slots)
            {
                RandomAccess.Write(handle, System.Text.Encoding.ASCII.GetBytes(AssetBundler.FingerprintOf(urls, kind)), slot);
            }
        });
    }

    /// <summary>Removes everything this build wrote, leaving the folder as empty as it was.</summary>
    public void Abandon()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(_root))
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }
    }
}
