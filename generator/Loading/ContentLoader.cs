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
    internal ContentLoader.SessionReferences? References { get; init; }
}

/// <summary>Where a content item was written, so that cross-file checks can point at it.</summary>
public sealed record SourceSpan(string Path, int Line, int Column);

/// <summary>
/// Reads <c>content/</c> into the typed site model. Each file is read and checked on its own (in parallel);
/// what needs several files at once is left to <see cref="Validation.ContentValidator"/>.
/// </summary>
public sealed partial class ContentLoader(MarkdownRenderer markdown)
{
    private static readonly Dictionary<string, SessionKind> Kinds = new()
    {
        ["table-ronde"] = SessionKind.TableRonde,
        ["atelier"] = SessionKind.Atelier,
        ["demonstration"] = SessionKind.Demonstration,
        ["projection"] = SessionKind.Projection,
        ["exposition"] = SessionKind.Exposition,
        ["masterclass"] = SessionKind.Masterclass,
        ["studio"] = SessionKind.Studio,
    };

    private static readonly Dictionary<string, Audience> Audiences = new()
    {
        ["tout-public"] = Audience.ToutPublic,
        ["adultes"] = Audience.Adultes,
        ["familles"] = Audience.Familles,
        ["jeune-public"] = Audience.JeunePublic,
    };

    private static readonly Dictionary<string, PressKind> PressKinds = new()
    {
        ["communique"] = PressKind.Communique,
        ["dossier"] = PressKind.Dossier,
        ["article"] = PressKind.Article,
    };

    private static readonly Dictionary<string, RgaaStatus> RgaaStatuses = new()
    {
        ["non-conforme"] = RgaaStatus.NonConforme,
        ["partiellement-conforme"] = RgaaStatus.PartiellementConforme,
        ["totalement-conforme"] = RgaaStatus.TotalementConforme,
    };

    private static readonly string[] SessionFrenchOnly = ["kind", "venue", "start", "end", "speakers", "audience", "registration", "draft"];
    private static readonly string[] VenueFrenchOnly = ["address", "geo"];
    private static readonly string[] SpeakerFrenchOnly = ["name"];
    private static readonly string[] PressFrenchOnly = ["date", "kind", "url", "attachment"];

    public LoadedContent Load(string contentDirectory, DiagnosticBag diagnostics)
    {
        var links = new ConcurrentBag<InternalLink>();
        var spans = new ConcurrentDictionary<SourceKey, SourceSpan>();

        var site = LoadSite(contentDirectory, diagnostics);
        var partners = LoadPartners(contentDirectory, diagnostics);

        // Sessions refer to venues and speakers by id: their file names are enough to check the references.
        var references = new SessionReferences(
            IdsIn(contentDirectory, "venues"),
            IdsIn(contentDirectory, "speakers"),
            site?.Days.Select(d => d.Date).ToHashSet() ?? []);
        var sessions = LoadFolder(contentDirectory, "sessions", diagnostics, links, spans, (fr, en, addLink) => ReadSession(fr, en, addLink, references, spans));
        var venues = LoadFolder(contentDirectory, "venues", diagnostics, links, spans, ReadVenue);
        var speakers = LoadFolder(contentDirectory, "speakers", diagnostics, links, spans, ReadSpeaker);
        var press = LoadFolder(contentDirectory, "press", diagnostics, links, spans, ReadPress);
        var pages = LoadFolder(contentDirectory, "pages", diagnostics, links, spans, ReadPage);

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
        string contentDirectory, string id, SessionReferences references, DiagnosticBag diagnostics, ConcurrentDictionary<SourceKey, SourceSpan> spans)
    {
        var directory = Path.Combine(contentDirectory, "sessions");
        var frenchPath = Path.Combine(directory, id + ".md");
        var englishPath = Path.Combine(directory, id + ".en.md");
        var french = SourceDocument.ReadMarkdown(frenchPath, Display(frenchPath), diagnostics);
        var english = File.Exists(englishPath) ? SourceDocument.ReadMarkdown(englishPath, Display(englishPath), diagnostics) : null;
        if (english is null)
        {
            diagnostics.Warning(french.Path, 1, 1, $"no English translation (sessions/{id}.en.md): the English site links to the French page");
        }

        var (line, column) = french.FrontMatter?.Position ?? (1, 1);
        spans[SourceKey.Session(id)] = new SourceSpan(french.Path, line, column);
        var links = new List<InternalLink>();
        var session = ReadSession(french, english, links.Add, references, spans);
        return (session, links);
    }

    private delegate T? ItemReader<T>(SourceDocument french, SourceDocument? english, Action<InternalLink> addLink);

    /// <summary>
    /// Reads a folder of <c>id.md</c> / <c>id.en.md</c> pairs. Drafts come back as null and are left out of
    /// the site but still checked.
    /// </summary>
    private Dictionary<string, T?> LoadFolder<T>(
        string contentDirectory,
        string folder,
        DiagnosticBag diagnostics,
        ConcurrentBag<InternalLink> links,
        ConcurrentDictionary<SourceKey, SourceSpan> spans,
        ItemReader<T> read)
        where T : class
    {
        var directory = Path.Combine(contentDirectory, folder);
        if (!Directory.Exists(directory))
        {
            diagnostics.Error(Display(directory), 1, 1, $"the folder '{folder}' is missing from the content");
            return [];
        }

        var files = Directory.GetFiles(directory, "*.md", SearchOption.TopDirectoryOnly);
        Array.Sort(files, StringComparer.Ordinal);
        var documents = new ConcurrentDictionary<string, SourceDocument>(StringComparer.Ordinal);
        Parallel.ForEach(files, file =>
        {
            var document = SourceDocument.ReadMarkdown(file, Display(file), diagnostics);
            documents[Path.GetFileName(file)] = document;
        });

        var french = documents.Values.Where(d => !d.IsEnglish).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var english = documents.Values.Where(d => d.IsEnglish).ToDictionary(d => d.Id, StringComparer.Ordinal);

        foreach (var document in documents.Values)
        {
            if (!IdPattern().IsMatch(document.Id))
            {
                diagnostics.Error(document.Path, 1, 1, $"'{document.Id}' is not a valid id: use lower-case letters, digits and hyphens");
            }
        }

        foreach (var (id, translation) in english)
        {
            if (!french.ContainsKey(id))
            {
                diagnostics.Error(translation.Path, 1, 1, $"translation without a French original: {folder}/{id}.md does not exist");
            }
        }

        var results = new ConcurrentDictionary<string, T?>(StringComparer.Ordinal);
        Parallel.ForEach(french.Values, document =>
        {
            english.TryGetValue(document.Id, out var translation);
            if (translation is null)
            {
                diagnostics.Warning(document.Path, 1, 1, $"no English translation ({folder}/{document.Id}.en.md): the English site links to the French page");
            }

            var (line, column) = document.FrontMatter?.Position ?? (1, 1);
            spans[SourceKey.Item(folder, document.Id)] = new SourceSpan(document.Path, line, column);
            results[document.Id] = read(document, translation, links.Add);
        });
        // Files are read in parallel; the site must not depend on which finished first.
        return results.OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
    }

    internal sealed record SessionReferences(IReadOnlySet<string> Venues, IReadOnlySet<string> Speakers, IReadOnlySet<DateOnly> Days);

    private static HashSet<string> IdsIn(string contentDirectory, string folder)
    {
        var directory = Path.Combine(contentDirectory, folder);
        return Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.md").Select(f => Path.GetFileNameWithoutExtension(f)).Where(n => !n.EndsWith(".en", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal)
            : [];
    }

    private Session? ReadSession(SourceDocument fr, SourceDocument? en, Action<InternalLink> addLink, SessionReferences references, ConcurrentDictionary<SourceKey, SourceSpan> spans)
    {
        if (fr.FrontMatter is not { } y)
        {
            return null;
        }

        var frText = ReadSessionText(fr, y, Lang.Fr, addLink);
        var kind = y.Choice("kind", Kinds, required: true);
        var venue = y.String("venue", required: true);
        if (venue is not null && !references.Venues.Contains(venue))
        {
            var (line, column) = y.PositionOf("venue");
            y.Diagnostics.Error(fr.Path, line, column, $"unknown venue '{venue}': no file content/venues/{venue}.md{Suggestions.DidYouMean(venue, references.Venues)}");
        }

        var start = y.LocalDateTime("start", required: true);
        var end = y.LocalDateTime("end", required: true);
        if (start is not null)
        {
            var (line, column) = y.PositionOf("start");
            spans[SourceKey.SessionStart(fr.Id)] = new SourceSpan(fr.Path, line, column);
            if (references.Days.Count > 0 && !references.Days.Contains(DateOnly.FromDateTime(start.Value)))
            {
                y.Diagnostics.Error(fr.Path, line, column, $"the session starts on {start.Value:yyyy-MM-dd}, outside the event's days ({string.Join(", ", references.Days.Order().Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))})");
            }
        }

        if (start is not null && end is not null)
        {
            var (line, column) = y.PositionOf("end");
            if (end <= start)
            {
                y.Diagnostics.Error(fr.Path, line, column, $"'end' ({end.Value:yyyy-MM-dd'T'HH:mm}) must be after 'start' ({start.Value:yyyy-MM-dd'T'HH:mm})");
            }
            else if (DateOnly.FromDateTime(end.Value) != DateOnly.FromDateTime(start.Value))
            {
                y.Diagnostics.Error(fr.Path, line, column, "a session must end on the day it starts");
            }
        }

        var speakerEntries = y.StringList("speakers");
        foreach (var (speaker, node) in speakerEntries)
        {
            if (!references.Speakers.Contains(speaker))
            {
                y.Error(node, $"unknown speaker '{speaker}': no file content/speakers/{speaker}.md{Suggestions.DidYouMean(speaker, references.Speakers)}");
            }
        }

        var duplicated = speakerEntries.GroupBy(s => s.Value).Where(g => g.Count() > 1);
        foreach (var group in duplicated)
        {
            y.Error(group.Skip(1).First().Node, $"the speaker '{group.Key}' is listed twice");
        }

        var speakers = speakerEntries.Select(s => s.Value).Distinct().ToList();
        var audience = y.Choice("audience", Audiences, required: true);
        var registration = ReadRegistration(y);
        var draft = y.Bool("draft") ?? false;
        y.Complete();

        SessionText? enText = null;
        if (en?.FrontMatter is { } ey)
        {
            ey.BelongsElsewhere(SessionFrenchOnly, $"the French file {fr.Path}");
            enText = ReadSessionText(en, ey, Lang.En, addLink);
            ey.Complete();
        }

        if (frText is null || kind is null || venue is null || start is null || end is null || audience is null || draft)
        {
            return null;
        }

        return new Session(fr.Id, new Translated<SessionText>(frText, enText), kind.Value, venue, start.Value, end.Value, speakers, audience.Value, registration);
    }

    private SessionText? ReadSessionText(SourceDocument document, YamlObject y, Lang lang, Action<InternalLink> addLink)
    {
        var title = y.String("title", required: true, maxLength: 160);
        var summary = y.String("summary", required: true, maxLength: 400);
        var room = y.String("room");
        var tags = y.StringList("tags").Select(t => t.Value).ToList();
        var body = RenderBody(document, lang, addLink);
        return title is null || summary is null
            ? null
            : new SessionText(Typeset(title, lang), Typeset(summary, lang), room is null ? null : Typeset(room, lang), tags, body);
    }

    private static RegistrationSpec? ReadRegistration(YamlObject y)
    {
        if (!y.Has("registration"))
        {
            return null;
        }

        var registration = y.Object("registration");
        if (registration is null)
        {
            return null;
        }

        var capacity = registration.PositiveInt("capacity", required: true);
        var waitlist = registration.Bool("waitlist") ?? false;
        registration.Complete();
        return capacity is null ? null : new RegistrationSpec(capacity.Value, waitlist);
    }

    private Venue? ReadVenue(SourceDocument fr, SourceDocument? en, Action<InternalLink> addLink)
    {
        if (fr.FrontMatter is not { } y)
        {
            return null;
        }

        var frText = ReadVenueText(fr, y, Lang.Fr, addLink);
        PostalAddress? address = null;
        if (y.Object("address", required: true) is { } a)
        {
            var street = a.String("street", required: true);
            var postalCode = a.String("postalCode", required: true);
            var city = a.String("city", required: true);
            a.Complete();
            address = street is null || postalCode is null || city is null ? null : new PostalAddress(street, postalCode, city);
        }

        GeoPoint? geo = null;
        if (y.Object("geo") is { } g)
        {
            var lat = g.Number("lat", required: true);
            var lon = g.Number("lon", required: true);
            g.Complete();
            geo = lat is null || lon is null ? null : new GeoPoint(lat.Value, lon.Value);
        }

        y.Complete();
        VenueText? enText = null;
        if (en?.FrontMatter is { } ey)
        {
            ey.BelongsElsewhere(VenueFrenchOnly, $"the French file {fr.Path}");
            enText = ReadVenueText(en, ey, Lang.En, addLink);
            ey.Complete();
        }

        return frText is null || address is null ? null : new Venue(fr.Id, new Translated<VenueText>(frText, enText), address, geo);
    }

    private VenueText? ReadVenueText(SourceDocument document, YamlObject y, Lang lang, Action<InternalLink> addLink)
    {
        var name = y.String("name", required: true);
        var shortName = y.String("shortName");
        var access = y.StringList("access", required: true).Select(s => Typeset(s.Value, lang)).ToList();
        var accessibility = y.StringList("accessibility", required: true).Select(s => Typeset(s.Value, lang)).ToList();
        var hours = y.String("hours");
        var body = RenderBody(document, lang, addLink);
        return name is null ? null : new VenueText(Typeset(name, lang), Typeset(shortName ?? name, lang), access, accessibility, hours is null ? null : Typeset(hours, lang), body);
    }

    private Speaker? ReadSpeaker(SourceDocument fr, SourceDocument? en, Action<InternalLink> addLink)
    {
        if (fr.FrontMatter is not { } y)
        {
            return null;
        }

        var name = y.String("name", required: true);
        var frText = ReadSpeakerText(fr, y, Lang.Fr, addLink);
        y.Complete();
        SpeakerText? enText = null;
        if (en?.FrontMatter is { } ey)
        {
            ey.BelongsElsewhere(SpeakerFrenchOnly, $"the French file {fr.Path}");
            enText = ReadSpeakerText(en, ey, Lang.En, addLink);
            ey.Complete();
        }

        return name is null || frText is null ? null : new Speaker(fr.Id, name, new Translated<SpeakerText>(frText, enText));
    }

    private SpeakerText? ReadSpeakerText(SourceDocument document, YamlObject y, Lang lang, Action<InternalLink> addLink)
    {
        var role = y.String("role", required: true);
        var organisation = y.String("organisation");
        var body = RenderBody(document, lang, addLink);
        return role is null ? null : new SpeakerText(Typeset(role, lang), organisation is null ? null : Typeset(organisation, lang), body);
    }

    private PressItem? ReadPress(SourceDocument fr, SourceDocument? en, Action<InternalLink> addLink)
    {
        if (fr.FrontMatter is not { } y)
        {
            return null;
        }

        var frText = ReadPressText(fr, y, Lang.Fr, addLink);
        var date = y.Date("date", required: true);
        var kind = y.Choice("kind", PressKinds, required: true);
        var url = y.String("url");
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            var (line, column) = y.PositionOf("url");
            y.Diagnostics.Error(fr.Path, line, column, $"'url' must be an absolute address like https://www.culture.gouv.fr/..., not '{url}'");
        }

        var attachment = y.String("attachment");
        if (attachment is not null)
        {
            var file = Path.Combine(Path.GetDirectoryName(fr.Path)!, "files", attachment);
            if (!File.Exists(file))
            {
                var (line, column) = y.PositionOf("attachment");
                y.Diagnostics.Error(fr.Path, line, column, $"the attachment '{attachment}' is not in content/press/files/");
            }
        }

        y.Complete();
        PressText? enText = null;
        if (en?.FrontMatter is { } ey)
        {
            ey.BelongsElsewhere(PressFrenchOnly, $"the French file {fr.Path}");
            enText = ReadPressText(en, ey, Lang.En, addLink);
            ey.Complete();
        }

        return frText is null || date is null || kind is null ? null : new PressItem(fr.Id, new Translated<PressText>(frText, enText), date.Value, kind.Value, url, attachment);
    }

    private PressText? ReadPressText(SourceDocument document, YamlObject y, Lang lang, Action<InternalLink> addLink)
    {
        var title = y.String("title", required: true);
        var summary = y.String("summary", required: true);
        var body = RenderBody(document, lang, addLink);
        return title is null || summary is null ? null : new PressText(Typeset(title, lang), Typeset(summary, lang), body);
    }

    private ContentPage? ReadPage(SourceDocument fr, SourceDocument? en, Action<InternalLink> addLink)
    {
        if (fr.FrontMatter is not { } y)
        {
            return null;
        }

        var frText = ReadPageText(fr, y, Lang.Fr, addLink);
        y.Complete();
        PageText? enText = null;
        if (en?.FrontMatter is { } ey)
        {
            enText = ReadPageText(en, ey, Lang.En, addLink);
            ey.Complete();
        }

        return frText is null ? null : new ContentPage(fr.Id, new Translated<PageText>(frText, enText));
    }

    private PageText? ReadPageText(SourceDocument document, YamlObject y, Lang lang, Action<InternalLink> addLink)
    {
        var title = y.String("title", required: true);
        var description = y.String("description", required: true, maxLength: 300);
        var slug = lang == Lang.En ? y.String("slug") : null;
        if (slug is not null && !IdPattern().IsMatch(slug))
        {
            var (line, column) = y.PositionOf("slug");
            y.Diagnostics.Error(document.Path, line, column, $"'slug' must be lower-case letters, digits and hyphens, not '{slug}'");
            slug = null;
        }

        var body = RenderBody(document, lang, addLink);
        return title is null || description is null
            ? null
            : new PageText(Typeset(title, lang), Typeset(description, lang), slug ?? document.Id, body);
    }

    private string RenderBody(SourceDocument document, Lang lang, Action<InternalLink> addLink)
    {
        var rendered = markdown.Render(document.Body, document.Path, document.BodyLine, lang);
        foreach (var link in rendered.Links)
        {
            addLink(link);
        }

        return rendered.Html;
    }

    private static string Typeset(string text, Lang lang) => lang == Lang.Fr ? FrenchTypography.Apply(text) : text;

    private SiteInfo? LoadSite(string contentDirectory, DiagnosticBag diagnostics)
    {
        var path = Path.Combine(contentDirectory, "site.yml");
        if (!File.Exists(path))
        {
            diagnostics.Error(Display(path), 1, 1, "site.yml is missing: it describes the event");
            return null;
        }

        var y = SourceDocument.ParseYaml(SourceDocument.ReadText(path, Display(path), diagnostics), Display(path), 0, diagnostics);
        if (y is null)
        {
            return null;
        }

        var name = y.Localized("name", required: true);
        var tagline = y.Localized("tagline", required: true);
        var description = y.Localized("description", required: true);
        var days = new List<EventDay>();
        foreach (var d in y.ObjectList("days", required: true))
        {
            var date = d.Date("date", required: true);
            var title = d.Localized("title", required: true);
            var venue = d.String("venue", required: true);
            var summary = d.Localized("summary", required: true);
            d.Complete();
            if (date is not null && title is not null && venue is not null && summary is not null)
            {
                days.Add(new EventDay(date.Value, TypesetFrench(title), venue, TypesetFrench(summary)));
            }
        }

        Uri? baseUrl = null;
        if (y.String("baseUrl", required: true) is { } url)
        {
            if (Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http")
            {
                baseUrl = parsed;
            }
            else
            {
                var (line, column) = y.PositionOf("baseUrl");
                diagnostics.Error(Display(path), line, column, $"'baseUrl' must be an absolute https address, not '{url}'");
            }
        }

        var languages = y.StringList("languages", required: true);
        foreach (var (value, node) in languages)
        {
            if (value is not ("fr" or "en"))
            {
                y.Error(node, $"unsupported language '{value}': the site is written in fr and en");
            }
        }

        LocalizedText? organiserName = null;
        string? organiserUrl = null;
        if (y.Object("organiser", required: true) is { } organiser)
        {
            organiserName = organiser.Localized("name", required: true);
            organiserUrl = organiser.String("url", required: true);
            organiser.Complete();
        }

        string? email = null;
        if (y.Object("contact", required: true) is { } contact)
        {
            email = contact.String("email", required: true);
            contact.Complete();
        }

        var social = new List<SocialLink>();
        foreach (var s in y.ObjectList("social"))
        {
            var network = s.Choice("network", SocialNetworks, required: true);
            var link = s.String("url", required: true);
            s.Complete();
            if (network is not null && link is not null)
            {
                social.Add(new SocialLink(SocialNetworks.First(n => n.Value == network.Value).Key, link));
            }
        }

        DateTime? opens = null;
        if (y.Object("registration", required: true) is { } registration)
        {
            opens = registration.LocalDateTime("opens", required: true);
            registration.Complete();
        }

        RgaaStatus? rgaa = null;
        if (y.Object("accessibility", required: true) is { } accessibility)
        {
            rgaa = accessibility.Choice("status", RgaaStatuses, required: true);
            accessibility.Complete();
        }

        var notice = y.Localized("notice", required: true);
        var closing = y.Localized("closing");
        y.Complete();

        if (name is null || tagline is null || description is null || baseUrl is null || organiserName is null || organiserUrl is null
            || email is null || opens is null || rgaa is null || notice is null || days.Count == 0)
        {
            return null;
        }

        return new SiteInfo(
            TypesetFrench(name), TypesetFrench(tagline), TypesetFrench(description), days, baseUrl, organiserName, organiserUrl, email, social,
            opens.Value, rgaa.Value, TypesetFrench(notice), closing is null ? null : TypesetFrench(closing));
    }

    private static readonly Dictionary<string, int> SocialNetworks = new()
    {
        ["x"] = 0,
        ["facebook"] = 1,
        ["instagram"] = 2,
        ["linkedin"] = 3,
        ["youtube"] = 4,
        ["bluesky"] = 5,
    };

    private Partners? LoadPartners(string contentDirectory, DiagnosticBag diagnostics)
    {
        var path = Path.Combine(contentDirectory, "partners.yml");
        if (!File.Exists(path))
        {
            return new Partners([], [], [], []);
        }

        var y = SourceDocument.ParseYaml(SourceDocument.ReadText(path, Display(path), diagnostics), Display(path), 0, diagnostics);
        if (y is null)
        {
            return null;
        }

        var partners = new Partners(ReadPartners(y, "support"), ReadPartners(y, "patrons"), ReadPartners(y, "contributors"), ReadPartners(y, "media"));
        y.Complete();
        return partners;
    }

    private static List<Partner> ReadPartners(YamlObject y, string key)
    {
        var list = new List<Partner>();
        foreach (var p in y.ObjectList(key))
        {
            var id = p.String("id", required: true);
            var name = p.Localized("name", required: true);
            var url = p.String("url");
            var description = p.Localized("description", required: true);
            p.Complete();
            if (id is not null && name is not null && description is not null)
            {
                list.Add(new Partner(id, TypesetFrench(name), url, TypesetFrench(description)));
            }
        }

        return list;
    }

    private static LocalizedText TypesetFrench(LocalizedText text) => text with { Fr = FrenchTypography.Apply(text.Fr) };

    /// <summary>Paths in messages are relative to where the command runs, as compilers print them.</summary>
    internal static string Display(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
