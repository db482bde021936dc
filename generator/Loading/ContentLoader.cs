using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using WeekendCulturel.Generator.Diagnostics;
using WeekendCulturel.Generator.Rendering;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Loading;

/// <summary>What the loader read: the content when it could build it, and the internal links to check.</summary>
public sealed record LoadedContent(SiteContent? Content, IReadOnlyList<InternalLink> Links, IReadOnlyDictionary<SourceKey, SourceSpan> Spans)
{
    /// <summary>The venue, speaker and day ids the sessions were checked against, kept for incremental reloads.</summary>
    internal SessionReferences? References { get; init; }
}

/// <summary>Where a content item was written, so that cross-file checks can point at it.</summary>
public sealed record SourceSpan(string Path, int Line, int Column);

/// <summary>
/// Reads <c>content/</c> into the typed site model: one reader per kind of file, each file read and checked
/// on its own (in parallel); what needs several files at once is left to <see cref="Validation.ContentValidator"/>.
/// Paths in diagnostics are shown relative to the display root the caller gives.
/// </summary>
public sealed partial class ContentLoader(MarkdownRenderer markdown)
{
    private readonly ItemText _text = new(markdown);

    public LoadedContent Load(string contentDirectory, string displayRoot, DiagnosticBag diagnostics)
    {
        var links = new ConcurrentBag<InternalLink>();
        var spans = new ConcurrentDictionary<SourceKey, SourceSpan>();
        string Display(string relative) => DisplayPath.Of(displayRoot, Path.Combine(contentDirectory, relative));

        var site = SiteInfoReader.Read(Path.Combine(contentDirectory, "site.yml"), Display("site.yml"), diagnostics);
        var partners = PartnersReader.Read(Path.Combine(contentDirectory, "partners.yml"), Display("partners.yml"), diagnostics);

        // Sessions refer to venues and speakers by id: their file names are enough to check the references.
        var references = new SessionReferences(
            IdsIn(contentDirectory, "venues"),
            IdsIn(contentDirectory, "speakers"),
            site?.Days.Select(d => d.Date).ToHashSet() ?? []);
        var folder = new FolderLoader(contentDirectory, displayRoot, diagnostics, links, spans);
        var sessions = folder.Load("sessions", new SessionReader(_text, references, spans).Read);
        var venues = folder.Load("venues", new VenueReader(_text).Read);
        var speakers = folder.Load("speakers", new SpeakerReader(_text).Read);
        var press = folder.Load("press", new PressReader(_text, contentDirectory).Read);
        var pages = folder.Load("pages", new PageReader(_text).Read);

        if (site is null || partners is null)
        {
            return new LoadedContent(null, [.. links], spans);
        }

        var content = new SiteContent(
            site,
            [.. sessions.Values.Where(s => s is not null).Select(s => s!).OrderBy(s => s.Start).ThenBy(s => s.Id, StringComparer.Ordinal)],
            venues.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal),
            speakers.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal),
            [.. press.Values.Where(p => p is not null).Select(p => p!).OrderByDescending(p => p.Date).ThenBy(p => p.Id, StringComparer.Ordinal)],
            pages.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal),
            partners);
        return new LoadedContent(content, [.. links], spans) { References = references };
    }

    /// <summary>
    /// Reads one session again (its French file and its translation) for an incremental rebuild: the same
    /// checks as a full load, against the references of the last one.
    /// </summary>
    internal (Session? Session, IReadOnlyList<InternalLink> Links) ReloadSession(
        string contentDirectory, string displayRoot, string id, SessionReferences references, DiagnosticBag diagnostics, ConcurrentDictionary<SourceKey, SourceSpan> spans)
    {
        var directory = Path.Combine(contentDirectory, "sessions");
        var frenchPath = Path.Combine(directory, id + ".md");
        var englishPath = Path.Combine(directory, id + ".en.md");
        var french = SourceDocument.ReadMarkdown(frenchPath, DisplayPath.Of(displayRoot, frenchPath), diagnostics);
        var english = File.Exists(englishPath) ? SourceDocument.ReadMarkdown(englishPath, DisplayPath.Of(displayRoot, englishPath), diagnostics) : null;
        if (english is null)
        {
            diagnostics.Warning(french.Path, 1, 1, $"no English translation (sessions/{id}.en.md): the English site links to the French page");
        }

        var (line, column) = french.FrontMatter?.Position ?? (1, 1);
        spans[SourceKey.Session(id)] = new SourceSpan(french.Path, line, column);
        var links = new List<InternalLink>();
        var session = new SessionReader(_text, references, spans).Read(french, english, links.Add);
        return (session, links);
    }

    private static HashSet<string> IdsIn(string contentDirectory, string folder)
    {
        var directory = Path.Combine(contentDirectory, folder);
        return Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.md").Select(f => Path.GetFileNameWithoutExtension(f)).Where(n => !n.EndsWith(".en", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal)
            : [];
    }

    /// <summary>Ids of content items and English slugs: lower-case words joined by single hyphens.</summary>
    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    internal static partial Regex IdPattern();
}
