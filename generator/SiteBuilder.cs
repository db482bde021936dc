using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using WeekendCulturel.Generator.Assets;
using WeekendCulturel.Generator.Diagnostics;
using WeekendCulturel.Generator.Loading;
using WeekendCulturel.Generator.Writing;
using WeekendCulturel.Generator.DataFiles;
using WeekendCulturel.Generator.Rendering;
using WeekendCulturel.Generator.Validation;
using WeekendCulturel.Theme.Components;
using WeekendCulturel.Theme.Model;
using WeekendCulturel.Theme.Pages;

namespace WeekendCulturel.Generator;

/// <summary>What one build is asked to do.</summary>
/// <param name="DisplayRoot">The folder diagnostics show paths relative to: the command line's working folder.</param>
public sealed record BuildOptions(string ContentDirectory, string OutputDirectory, Uri? BaseUrl, DateTimeOffset? Now, string DisplayRoot);

/// <summary>What one build did: its problems, and when it succeeded, the site and what was written.</summary>
public sealed record BuildResult(IReadOnlyList<Diagnostic> Diagnostics, int Pages, IReadOnlyList<OutputFile> Files, WriteSummary? Written, TimeSpan Elapsed, SiteContent? Content)
{
    /// <summary>The page shells of the registration API's own pages, by language (not published as files).</summary>
    public IReadOnlyDictionary<string, string> Shells { get; init; } = new Dictionary<string, string>();

    /// <summary>The registration manifest as built, for serve and <c>registrations sync</c> to hand to the catalogue as it is.</summary>
    public WeekendCulturel.Registration.Domain.RegistrationManifest? Registration { get; init; }

    public bool Succeeded => Diagnostics.All(d => d.Severity != Severity.Error);

    public int Warnings => Diagnostics.Count(d => d.Severity == Severity.Warning);

    public int Errors => Diagnostics.Count(d => d.Severity == Severity.Error);
}

/// <summary>
/// The generator in one readable sequence: load, validate, render, write. Each step is a small type; this
/// class only strings them together. It is built once and reused for every rebuild of <c>serve</c>.
/// </summary>
public sealed partial class SiteBuilder(ThemeFiles theme, bool serving = false) : IDisposable
{
    private readonly ContentLoader _loader = new(new MarkdownRenderer());
    private readonly PageRenderer _renderer = new();
    private readonly AssetBundler _bundler = new(theme);
    private readonly SiteWriter _writer = new() { Remember = serving };

    /// <summary>Loads and validates without rendering or writing anything.</summary>
    public BuildResult Check(BuildOptions options) => Run(options, write: false, render: false);

    public BuildResult Build(BuildOptions options) => Run(options, write: true, render: true);

    /// <summary>Builds everything in memory and writes nothing: serve's warm-up.</summary>
    public BuildResult Rehearse(BuildOptions options) => Run(options, write: false, render: true);

    private BuildResult Run(BuildOptions options, bool write, bool render)
    {
        var clock = Stopwatch.StartNew();
        var diagnostics = new DiagnosticBag();
        if (!Directory.Exists(options.ContentDirectory))
        {
            diagnostics.Error(options.ContentDirectory, 1, 1, "the content folder does not exist");
            return Done();
        }

        if (write)
        {
            _last = null;
        }

        if (write && !SiteWriter.MayWriteTo(options.OutputDirectory))
        {
            diagnostics.Error(options.OutputDirectory, 1, 1, "the output folder holds files this generator did not write, and a build deletes what it did not make: choose an empty or new folder");
            return Done();
        }

        // 1. Load every file, checking each on its own.
        var loaded = _loader.Load(options.ContentDirectory, options.DisplayRoot, diagnostics);
        var loadDiagnostics = diagnostics.Sorted();
        Phase("load");
        if (loaded.Content is not { } content)
        {
            return Done();
        }

        // 2. Plan the site and validate what needs the whole of it (rooms, links, pages).
        var context = new RenderContext(content, AssetBundler.Placeholders, options.Now ?? DateTimeOffset.Now, options.BaseUrl ?? content.Site.BaseUrl);
        var pages = SitePlanner.Plan(context);
        Phase("plan");

        // The data files (calendars, feeds...) first: the validation needs their addresses, and nothing is
        // rendered or written for content with errors.
        var (data, manifest) = DataFiles(context, pages, options.ContentDirectory, content);
        Phase("data files");
        var sitePaths = pages.Select(p => p.Path).Concat(data.Select(f => "/" + f.Path)).ToHashSet(StringComparer.Ordinal);
        ContentValidator.Validate(loaded, sitePaths, diagnostics);
        Phase("validate");
        if (diagnostics.HasErrors || !render)
        {
            return Done(pages.Count, content: content);
        }

        if (theme.Problem() is { } problem)
        {
            diagnostics.Error(theme.Directory, 1, 1, problem);
            return Done();
        }

        // 3. Render. Into an empty folder, each page goes to disk as soon as it is rendered (a failure
        // empties the folder again); otherwise pages wait in memory and only what changed is written.
        var shells = SitePlanner.PlanShells(context);
        var fresh = write && SiteWriter.IsEmpty(options.OutputDirectory) ? _writer.BeginFresh(options.OutputDirectory) : null;
        try
        {
            if (fresh is not null)
            {
                // The data files go to disk now rather than wait through the rendering: at ten thousand
                // sessions they are over a hundred megabytes that would add to the build's peak.
                Parallel.ForEach(data, file => fresh.Write(file.Path, file.Bytes));
                data.Clear();
            }

            var rendered = _renderer.RenderAll([.. pages, .. shells], fresh is null ? null : (page, html) =>
            {
                if (page.Path.StartsWith("/_shell/", StringComparison.Ordinal))
                {
                    return false;
                }

                fresh.Write(page.OutputFile, html);
                return true;
            });
            Phase("render");

            // Bundle the assets the pages use, then point the pages at the fingerprinted assets.
            var bundle = _bundler.Build(rendered.Facts.Classes, ProgrammeFilterCss(content));
            var files = new List<OutputFile>((fresh is null ? rendered.Pages.Count : 0) + data.Count + bundle.Files.Count);
            if (fresh is null)
            {
                var linked = new OutputFile[pages.Count];
                Parallel.For(0, pages.Count, i => linked[i] = new OutputFile(rendered.Pages[i].Page.OutputFile, AssetBundler.Link(rendered.Pages[i].Html, bundle.Urls)));
                files.AddRange(linked);
            }
            else
            {
                fresh.Link(bundle.Urls);
            }

            files.Add(HostingConfigWriter.Write(rendered.Facts.InlineScripts));
            var shellHtml = rendered.Pages.Skip(pages.Count).ToDictionary(r => r.Page.Path[("/_shell/".Length)..], r => AssetBundler.Link(r.Text, bundle.Urls));
            files.AddRange(data);
            files.AddRange(bundle.Files);
            Phase("assets");

            // 4. Write, only now that everything is built.
            var summary = write ? _writer.Write(options.OutputDirectory, files, fresh) : null;
            Phase("write");
            if (write && serving)
            {
                _last = new LastBuild(options, loaded, loadDiagnostics, context, pages, bundle.Urls, rendered.Facts, ProgrammeFilterCss(content), shellHtml, sitePaths,
                    loaded.Spans as ConcurrentDictionary<SourceKey, SourceSpan> ?? new(loaded.Spans), SteadyPeriod.Around(context.Now, content.Sessions, content.Site));
            }

            return Done(pages.Count, files, summary, content) with { Shells = shellHtml, Registration = manifest };
        }
        catch
        {
            fresh?.Abandon();
            throw;
        }

        void Phase(string name)
        {
            if (Environment.GetEnvironmentVariable("WC_TIMINGS") == "1")
            {
                using var self = Process.GetCurrentProcess();
                var gc = GC.GetGCMemoryInfo();
                Console.Error.WriteLine($"  {name}: {clock.Elapsed.TotalMilliseconds:0} ms (alloc {GC.GetTotalAllocatedBytes() >> 20} MiB, GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, pause {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms; CPU {self.TotalProcessorTime.TotalMilliseconds:0} ms; managed {GC.GetTotalMemory(false) >> 20} MiB, committed {gc.TotalCommittedBytes >> 20} MiB; resident {self.WorkingSet64 >> 20} MiB, peak {self.PeakWorkingSet64 >> 20} MiB)");
            }
        }

        BuildResult Done(int pageCount = 0, IReadOnlyList<OutputFile>? built = null, WriteSummary? written = null, SiteContent? content = null) =>
            new(diagnostics.Sorted(), pageCount, built ?? [], written, clock.Elapsed, content);
    }

    /// <summary>The files that are not pages: calendars, schedule, feeds, sitemap, manifest, press attachments.</summary>
    private static (List<OutputFile> Files, WeekendCulturel.Registration.Domain.RegistrationManifest Manifest) DataFiles(RenderContext context, IReadOnlyList<PlannedPage> pages, string contentDirectory, SiteContent content)
    {
        var files = new List<OutputFile>();
        var calendars = CalendarWriter.Calendars(context);
        files.AddRange(CalendarWriter.Files(context, calendars));
        files.Add(ScheduleWriter.Write(context));
        files.AddRange(FeedWriter.Write(context));
        files.AddRange(SitemapWriter.Write(context, pages));
        var manifest = RegistrationManifestWriter.Manifest(context, calendars);
        files.Add(RegistrationManifestWriter.File(manifest));
        foreach (var item in content.Press.Where(p => p.Attachment is not null))
        {
            var source = Path.Combine(contentDirectory, "press", "files", item.Attachment!);
            files.Add(new OutputFile(Routes.PressFile(item.Attachment!).TrimStart('/'), File.ReadAllBytes(source)));
        }

        return (files, manifest);
    }

    /// <summary>
    /// The CSS that makes the programme filters work without JavaScript: when a radio button is checked,
    /// the sessions that do not match it are hidden. One rule per choice, from the content's own values.
    /// </summary>
    internal static string ProgrammeFilterCss(SiteContent content)
    {
        var css = new StringBuilder("/* Programme filters (generated from the content) */\n");
        foreach (var filter in ProgrammeFilter.All)
        {
            foreach (var value in content.Sessions.Select(filter.ValueOf).Distinct())
            {
                css.Append($".wc-programme:has(#{FilterChoice.Id(filter.Parameter, value)}:checked) .wc-session:not([{filter.CardAttribute}=\"{value}\"]){{display:none}}\n");
            }
        }

        return css.ToString();
    }

    public void Dispose() => _renderer.Dispose();
}
