namespace WeekendCulturel.Generator.Serve;

/// <summary>
/// Watches the content and theme folders and calls back once a burst of changes has settled: an editor's
/// save often touches a file several times, and one rebuild is enough. One call at a time: changes made
/// during a rebuild wait for it, then come in the next call.
/// </summary>
public sealed class ContentWatcher : IDisposable
{
    private static readonly string[] Ignored = ["/node_modules/", "/bin/", "/obj/", "/.git/"];

    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private readonly Lock _calling = new();
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private readonly TimeSpan _quiet;

    public ContentWatcher(IEnumerable<string> directories, TimeSpan quiet, Action<IReadOnlyCollection<string>> onChange)
    {
        _quiet = quiet;
        _timer = new Timer(_ =>
        {
            lock (_calling)
            {
                string[] changed;
                lock (_gate)
                {
                    changed = [.. _changed];
                    _changed.Clear();
                }

                if (changed.Length > 0)
                {
                    onChange(changed);
                }
            }
        });

        foreach (var directory in directories.Where(Directory.Exists))
        {
            var watcher = new FileSystemWatcher(directory)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.DirectoryName | NotifyFilters.Size,
            };
            watcher.Changed += (_, e) => Touch(e.FullPath);
            watcher.Created += (_, e) => Touch(e.FullPath);
            watcher.Deleted += (_, e) => Touch(e.FullPath);
            watcher.Renamed += (_, e) => Touch(e.FullPath);
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    private void Touch(string path)
    {
        var normalised = path.Replace('\\', '/');
        if (Ignored.Any(i => normalised.Contains(i, StringComparison.Ordinal)) || normalised.EndsWith('~'))
        {
            return;
        }

        lock (_gate)
        {
            _changed.Add(normalised);
            _timer.Change(_quiet, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _timer.Dispose();
    }
}
