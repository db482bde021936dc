using System.Collections.Concurrent;
using System.Diagnostics;
using WeekendCulturel.Generator.Assets;
using WeekendCulturel.Generator.Diagnostics;
using WeekendCulturel.Generator.Loading;
using WeekendCulturel.Generator.Writing;
using WeekendCulturel.Generator.DataFiles;
using WeekendCulturel.Generator.Rendering;
using WeekendCulturel.Generator.Validation;
using WeekendCulturel.Theme.Model;
using WeekendCulturel.Theme.Pages;

namespace WeekendCulturel.Generator;

/// <summary>How long an incremental rebuild took to put the edited sessions' own pages on disk.</summary>
public sealed record IncrementalTiming(IReadOnlyList<string> Sessions, IReadOnlyList<string> Files, TimeSpan SessionPagesWritten);

/// <summary>
/// serve's fast path: when only session files were edited, only what shows those sessions is made again.
/// First the sessions' own pages and calendars are written (and the browser can reload), then the pages that
/// list sessions (programme, registration, speakers, venues, site map) and the programme-wide data files.
/// The result is byte for byte what a full build writes (a test holds it to that); anything the fast path
/// cannot be sure of (a new, deleted or draft file, another folder, a new CSS class, new filter values, an
/// earlier failed build, a clock that passed a session's start, end or registration opening) falls back to the
/// full build.
/// </summary>
public sealed partial class SiteBuilder
{
    // The pages that list sessions (venue pages are chosen by venue).
    private static readonly HashSet<Type> SessionLists = [typeof(ProgrammePage), typeof(RegistrationPage), typeof(SpeakersPage), typeof(SiteMapPage)];

    private LastBuild? _last;

    /// <summary>What the last full build of serve left, for the fast path.</summary>
    private sealed record LastBuild(
        BuildOptions Options,
        LoadedContent Loaded,
        IReadOnlyList<Diagnostic> LoadDiagnostics,
        RenderContext Context,
        IReadOnlyList<PlannedPage> Pages,
        AssetUrls Assets,
        HtmlFacts Facts,
        string FilterCss,
        IReadOnlyDictionary<string, string> Shells,
        IReadOnlySet<string> SitePaths,
        ConcurrentDictionary<SourceKey, SourceSpan> Spans,
        SteadyPeriod Steady);

    /// <summary>
    /// The stretch of time around a build's moment in which no session changes its timing or registration
    /// state: every page made at a moment inside it is the same, so the fast path may keep the pages it does
    /// not make again while serve's clock runs.
    /// </summary>
    private readonly record struct SteadyPeriod(DateTimeOffset From, DateTimeOffset Until)
    {
        public static SteadyPeriod Around(DateTimeOffset now, IEnumerable<Session> sessions, SiteInfo site) =>
            new SteadyPeriod(DateTimeOffset.MinValue, DateTimeOffset.MaxValue).Narrowed(now, sessions, site);

        public SteadyPeriod Narrowed(DateTimeOffset now, IEnumerable<Session> sessions, SiteInfo site)
        {
            var (from, until) = (From, Until);
            foreach (var change in sessions.SelectMany(s => SessionState.Changes(s, site)))
            {
                if (change <= now)
                {
                    from = change > from ? change : from;
                }
                else
                {
                    until = change < until ? change : until;
                }
            }

            return new SteadyPeriod(from, until);
        }

        public bool Contains(DateTimeOffset moment) => From <= moment && moment < Until;
    }

    /// <summary>
    /// Rebuilds after the given files changed: incrementally when it can, else in full.
    /// <paramref name="sessionPagesWritten"/> is called as soon as the edited sessions' pages are on disk.
    /// </summary>
    public BuildResult Rebuild(BuildOptions options, IReadOnlyCollection<string> changed, Action<IncrementalTiming>? sessionPagesWritten = null)
    {
        try
        {
            return Incremental(options, changed, sessionPagesWritten) ?? Build(options);
        }
        catch
        {
            // The fast path updates the last build's source positions in place: after a throw they are not to be trusted.
            _last = null;
            throw;
        }
    }

    private BuildResult? Incremental(BuildOptions options, IReadOnlyCollection<string> changed, Action<IncrementalTiming>? sessionPagesWritten)
    {
        // Each rebuild is for its own moment (serve's clock runs); the pages it does not make again still hold
        // while no session has changed state since the last build.
        var now = options.Now ?? DateTimeOffset.Now;
        if (_last is not { } last || last.Options != options with { Now = last.Options.Now } || !last.Steady.Contains(now)
            || last.Loaded.References is not { } references || last.Loaded.Content is not { } content)
        {
            return null;
        }

        var ids = EditedSessions(options.ContentDirectory, changed, content);
        if (ids is null)
        {
            return null;
        }

        var clock = Stopwatch.StartNew();
        var diagnostics = new DiagnosticBag();
        var reloadedFiles = ids.SelectMany(id => new[] { $"sessions/{id}.md", $"sessions/{id}.en.md" })
            .Select(f => DisplayPath.Of(options.DisplayRoot, Path.Combine(options.ContentDirectory, f))).ToHashSet(StringComparer.Ordinal);
        foreach (var diagnostic in last.LoadDiagnostics.Where(d => !reloadedFiles.Contains(d.Path)))
        {
            diagnostics.Add(diagnostic);
        }

        // The last load's source positions, updated in place: copying tens of thousands of them cost more than
        // the edit itself. A session's positions are its file and its start field; the reload sets them again.
        var spans = last.Spans;
        foreach (var id in ids)
        {
            spans.TryRemove(SourceKey.SessionStart(id), out _);
        }

        var editedLinks = new List<InternalLink>();
        var replaced = new Dictionary<string, Session>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var (session, sessionLinks) = _loader.ReloadSession(options.ContentDirectory, options.DisplayRoot, id, references, diagnostics, spans);
            editedLinks.AddRange(sessionLinks);
            if (session is not null)
            {
                replaced[id] = session;
            }
            else if (!diagnostics.HasErrors)
            {
                // Now a draft: it leaves the site, which the full build handles.
                return null;
            }
        }

        Step("reloaded");
        var loadDiagnostics = diagnostics.Sorted();
        if (diagnostics.HasErrors)
        {
            return new BuildResult(loadDiagnostics, 0, [], null, clock.Elapsed, null);
        }

        // Sessions are ordered by start then id: an edit that keeps the start keeps the order.
        var sessions = content.Sessions.Select(s => replaced.GetValueOrDefault(s.Id) ?? s).ToList();
        if (content.Sessions.Any(s => replaced.TryGetValue(s.Id, out var edited) && edited.Start != s.Start))
        {
            sessions = [.. sessions.OrderBy(s => s.Start).ThenBy(s => s.Id, StringComparer.Ordinal)];
        }

        var updated = content with { Sessions = sessions };
        ContentValidator.ValidateEdited(updated, spans, replaced.Values, editedLinks, last.SitePaths, diagnostics);
        if (diagnostics.HasErrors)
        {
            return new BuildResult(diagnostics.Sorted(), 0, [], null, clock.Elapsed, null);
        }

        Step("checked");
        if (ProgrammeFilterCss(updated) != last.FilterCss)
        {
            return null;
        }

        var context = last.Context with { Content = updated, Now = now };

        // 1. The edited sessions' own pages and calendars.
        var own = replaced.Values.SelectMany(s => new[] { Lang.Fr, Lang.En }.Where(s.Text.Has).Select(lang => SitePlanner.PlanSession(context, s, lang))).ToList();
        var ownRendered = _renderer.RenderAll(own);
        if (!Covered(ownRendered.Facts, last.Facts))
        {
            return null;
        }

        Step("rendered");
        var ownFiles = ownRendered.Pages.Select(r => new OutputFile(r.Page.OutputFile, AssetBundler.Link(r.Html, last.Assets))).ToList();
        ownFiles.AddRange(replaced.Values.SelectMany(s => new[] { Lang.Fr, Lang.En }.Select(lang =>
            OutputFile.Text(Routes.SessionCalendar(s.Id, lang), CalendarWriter.Serialize(context, lang, [s])))));
        Step("calendars");
        var ownWritten = _writer.WriteSome(options.OutputDirectory, ownFiles);
        Step("written");
        sessionPagesWritten?.Invoke(new IncrementalTiming([.. replaced.Keys], [.. ownFiles.Select(f => f.Path)], clock.Elapsed));

        // 2. Every page and file that lists sessions.
        var links = last.Loaded.Links.Where(l => !reloadedFiles.Contains(l.Path)).Concat(editedLinks).ToList();
        var loaded = new LoadedContent(updated, links, spans) { References = references };
        var venues = replaced.Values.Select(s => s.VenueId).Concat(replaced.Keys.Select(id => content.Sessions.First(s => s.Id == id).VenueId)).ToHashSet(StringComparer.Ordinal);
        var lists = last.Pages
            .Where(p => SessionLists.Contains(p.Component) || (p.Parameters is VenuePageParameters { Venue: var v } && venues.Contains(v.Id)))
            .Select(p => p with { Parameters = p.Parameters with { Context = context } })
            .ToList();
        var listsRendered = _renderer.RenderAll(lists);
        if (!Covered(listsRendered.Facts, last.Facts))
        {
            return null;
        }

        var listFiles = new OutputFile[lists.Count];
        Parallel.For(0, lists.Count, i => listFiles[i] = new OutputFile(listsRendered.Pages[i].Page.OutputFile, AssetBundler.Link(listsRendered.Pages[i].Html, last.Assets)));
        // The programmes are serialised whole anyway; cut into sessions, they give the manifest its calendars.
        var calendars = CalendarWriter.Calendars(context);
        var manifest = RegistrationManifestWriter.Manifest(context, calendars);
        var dataFiles = new List<OutputFile>
        {
            OutputFile.Text(Routes.ProgrammeCalendar(Lang.Fr), calendars.Fr.Programme),
            OutputFile.Text(Routes.ProgrammeCalendar(Lang.En), calendars.En.Programme),
            ScheduleWriter.Write(context),
            RegistrationManifestWriter.File(manifest),
        };
        var listsWritten = _writer.WriteSome(options.OutputDirectory, [.. listFiles, .. dataFiles]);

        var pages = last.Pages.Select(p => p.Parameters is SessionPageParameters { Session.Id: var id } && replaced.ContainsKey(id)
            ? own.First(o => o.Path == p.Path)
            : p).ToList();
        _last = last with { Loaded = loaded, LoadDiagnostics = loadDiagnostics, Context = context, Pages = pages, Steady = last.Steady.Narrowed(now, replaced.Values, updated.Site) };
        var written = new WriteSummary(ownWritten.Written + listsWritten.Written, ownWritten.Unchanged + listsWritten.Unchanged, 0);
        Step("lists written");
        return new BuildResult(diagnostics.Sorted(), pages.Count, [.. ownFiles, .. listFiles, .. dataFiles], written, clock.Elapsed, updated) { Shells = last.Shells, Registration = manifest };

        // WC_TIMINGS=1: where the fast path's time goes, as for a full build.
        void Step(string name)
        {
            if (Environment.GetEnvironmentVariable("WC_TIMINGS") == "1")
            {
                Console.Error.WriteLine($"  incremental {name}: {clock.Elapsed.TotalMilliseconds:0.0} ms (GC pauses {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms in all; collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)})");
            }
        }
    }

    /// <summary>
    /// Runs the first half of the fast path on one session without writing anything, so that the JIT has
    /// compiled it before the first real edit (a large site's first build never goes through it).
    /// </summary>
    public void RehearseIncremental(BuildOptions options)
    {
        if (_last is not { } last || last.Loaded.References is not { } references || last.Loaded.Content is not { Sessions: [var session, ..] })
        {
            return;
        }

        var diagnostics = new DiagnosticBag();
        var spans = new ConcurrentDictionary<SourceKey, SourceSpan>();
        var (reloaded, _) = _loader.ReloadSession(options.ContentDirectory, options.DisplayRoot, session.Id, references, diagnostics, spans);
        if (reloaded is null)
        {
            return;
        }

        var pages = new[] { Lang.Fr, Lang.En }.Where(reloaded.Text.Has).Select(lang => SitePlanner.PlanSession(last.Context, reloaded, lang)).ToList();
        foreach (var rendered in _renderer.RenderAll(pages).Pages)
        {
            AssetBundler.Link(rendered.Html, last.Assets);
        }

        _ = CalendarWriter.Serialize(last.Context, Lang.Fr, [reloaded]);
    }

    /// <summary>The ids of the sessions whose files changed, or null when anything else changed.</summary>
    private static List<string>? EditedSessions(string contentDirectory, IReadOnlyCollection<string> changed, SiteContent content)
    {
        var folder = Path.GetFullPath(Path.Combine(contentDirectory, "sessions")) + Path.DirectorySeparatorChar;
        var known = content.Sessions.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var ids = new List<string>();
        foreach (var path in changed.Select(Path.GetFullPath))
        {
            var exists = File.Exists(path);
            if (!exists && !path.EndsWith(".md", StringComparison.Ordinal) && !Directory.Exists(path))
            {
                // An editor's temporary file, already renamed over the real one (sed -i, many editors).
                continue;
            }

            if (!path.StartsWith(folder, StringComparison.Ordinal) || !path.EndsWith(".md", StringComparison.Ordinal) || !exists)
            {
                return null;
            }

            var name = Path.GetFileName(path);
            var id = name.EndsWith(".en.md", StringComparison.Ordinal) ? name[..^".en.md".Length] : name[..^".md".Length];
            if (!known.Contains(id) || name.Contains(Path.DirectorySeparatorChar))
            {
                return null;
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids.Count == 0 ? null : ids;
    }

    /// <summary>Whether the bundle and the security policy of the last build still cover these pages.</summary>
    private static bool Covered(HtmlFacts pages, HtmlFacts built) =>
        pages.Classes.IsSubsetOf(built.Classes) && pages.InlineScripts.IsSubsetOf(built.InlineScripts);
}
