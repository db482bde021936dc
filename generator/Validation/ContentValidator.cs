using WeekendCulturel.Generator.Diagnostics;
using WeekendCulturel.Generator.Loading;
using WeekendCulturel.Generator.Rendering;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Validation;

/// <summary>
/// The checks that need the whole content at once: rooms booked twice, pages the theme needs, addresses that
/// collide, and links from bodies to pages that would not exist.
/// </summary>
public static class ContentValidator
{
    public static void Validate(LoadedContent loaded, IReadOnlySet<string> sitePaths, DiagnosticBag diagnostics)
    {
        if (loaded.Content is not { } content)
        {
            return;
        }

        CheckRooms(content, loaded.Spans, diagnostics);
        CheckPages(content, loaded.Spans, diagnostics);
        CheckDays(content, diagnostics);
        CheckLinks(loaded.Links, sitePaths, diagnostics);
    }

    /// <summary>
    /// The same checks after only the given sessions were edited (serve's fast path), limited to what those
    /// edits can change: the rooms they are now in and their own links. The rest was checked by the build
    /// before, and an edit that could change it (a new or deleted file, anything outside the sessions) gets a
    /// full build. A room a session left can only have fewer overlaps than before.
    /// </summary>
    public static void ValidateEdited(SiteContent content, IReadOnlyDictionary<SourceKey, SourceSpan> spans, IReadOnlyCollection<Session> edited, IEnumerable<InternalLink> editedLinks, IReadOnlySet<string> sitePaths, DiagnosticBag diagnostics)
    {
        var rooms = edited.Where(s => s.Text.Fr.Room is not null).Select(RoomOf).ToHashSet();
        CheckRooms(content, spans, diagnostics, rooms);
        CheckLinks(editedLinks, sitePaths, diagnostics);
    }

    private static (string VenueId, string Room) RoomOf(Session session) => (session.VenueId, session.Text.Fr.Room!.ToLowerInvariant());

    /// <summary>Two sessions in the same room of a venue must not overlap; the later one is reported.</summary>
    private static void CheckRooms(SiteContent content, IReadOnlyDictionary<SourceKey, SourceSpan> spans, DiagnosticBag diagnostics, IReadOnlySet<(string, string)>? only = null)
    {
        var byRoom = content.Sessions
            .Where(s => s.Text.Fr.Room is not null && (only is null || only.Contains(RoomOf(s))))
            .GroupBy(RoomOf);
        foreach (var room in byRoom)
        {
            var ordered = room.OrderBy(s => s.Start).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                for (var j = i + 1; j < ordered.Count && ordered[j].Start < ordered[i].End; j++)
                {
                    var later = ordered[j];
                    var span = spans.GetValueOrDefault(SourceKey.SessionStart(later.Id)) ?? spans[SourceKey.Session(later.Id)];
                    diagnostics.Error(span.Path, span.Line, span.Column,
                        $"'{later.Id}' ({later.Start:HH:mm}-{later.End:HH:mm}) overlaps '{ordered[i].Id}' ({ordered[i].Start:HH:mm}-{ordered[i].End:HH:mm}) in the same room, {later.Text.Fr.Room}");
                }
            }
        }
    }

    private static void CheckPages(SiteContent content, IReadOnlyDictionary<SourceKey, SourceSpan> spans, DiagnosticBag diagnostics)
    {
        foreach (var id in Routes.PageIds.Required)
        {
            if (!content.Pages.ContainsKey(id))
            {
                diagnostics.Error("content/pages", 1, 1, $"the page '{id}' is missing: the theme links to it (create content/pages/{id}.md)");
            }
        }

        foreach (var page in content.Pages.Values)
        {
            var span = spans[SourceKey.Page(page.Id)];
            if (Routes.Reserved.Contains(page.Id))
            {
                diagnostics.Error(span.Path, span.Line, span.Column, $"the page id '{page.Id}' is an address the site uses itself; choose another file name");
            }
        }

        var slugs = content.Pages.Values.Where(p => p.Text.En is not null && p.Id != Routes.PageIds.Home)
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .GroupBy(p => p.Text.En!.Slug);
        foreach (var group in slugs)
        {
            if (Routes.Reserved.Contains(group.Key))
            {
                var span = spans[SourceKey.Page(group.First().Id)];
                diagnostics.Error(span.Path.Replace(".md", ".en.md", StringComparison.Ordinal), 1, 1, $"the English slug '{group.Key}' is an address the site uses itself");
            }

            foreach (var duplicate in group.Skip(1))
            {
                var span = spans[SourceKey.Page(duplicate.Id)];
                diagnostics.Error(span.Path.Replace(".md", ".en.md", StringComparison.Ordinal), 1, 1, $"duplicate id: the English slug '{group.Key}' is also used by pages/{group.First().Id}.en.md");
            }
        }

        var partnerIds = content.Partners.Support.Concat(content.Partners.Patrons).Concat(content.Partners.Contributors).Concat(content.Partners.Media)
            .GroupBy(p => p.Id).Where(g => g.Count() > 1);
        foreach (var group in partnerIds)
        {
            diagnostics.Error("content/partners.yml", 1, 1, $"duplicate id: the partner id '{group.Key}' is used {group.Count()} times");
        }
    }

    private static void CheckDays(SiteContent content, DiagnosticBag diagnostics)
    {
        foreach (var day in content.Site.Days)
        {
            if (!content.Venues.ContainsKey(day.VenueId))
            {
                diagnostics.Error("content/site.yml", 1, 1, $"the day {day.Date:yyyy-MM-dd} names an unknown venue '{day.VenueId}'{Suggestions.DidYouMean(day.VenueId, content.Venues.Keys)}");
            }
        }

        foreach (var duplicate in content.Site.Days.GroupBy(d => d.Date).Where(g => g.Count() > 1))
        {
            diagnostics.Error("content/site.yml", 1, 1, $"duplicate id: the day {duplicate.Key:yyyy-MM-dd} is listed twice");
        }
    }

    /// <summary>A link from a body must lead to a page or a file of the built site (an anchor after # is not checked here).</summary>
    private static void CheckLinks(IEnumerable<InternalLink> links, IReadOnlySet<string> sitePaths, DiagnosticBag diagnostics)
    {
        foreach (var link in links)
        {
            var path = link.Url;
            var cut = path.IndexOfAny(['#', '?']);
            if (cut >= 0)
            {
                path = path[..cut];
            }

            if (path.Length == 0 || sitePaths.Contains(path))
            {
                continue;
            }

            var hint = !path.EndsWith('/') && !Path.HasExtension(path) && sitePaths.Contains(path + "/")
                ? $" (did you mean '{path}/'?)"
                : Suggestions.DidYouMean(path, sitePaths);
            diagnostics.Error(link.Path, link.Line, link.Column, $"link to a page that does not exist: {link.Url}{hint}");
        }
    }
}
