using System.Collections.Concurrent;
using System.Globalization;
using WeekendCulturel.Generator.Diagnostics;
using WeekendCulturel.Generator.Rendering;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Loading;

/// <summary>
/// Reads a session (<c>sessions/id.md</c> and its translation), checking its venue, speakers and day
/// against the ids the other folders define, and records where its start is written for later checks.
/// </summary>
internal sealed class SessionReader(ItemText text, SessionReferences references, ConcurrentDictionary<SourceKey, SourceSpan> spans)
{
    private static readonly string[] FrenchOnly = ["kind", "venue", "start", "end", "speakers", "audience", "registration", "draft"];

    public Session? Read(SourceDocument fr, SourceDocument? en, Action<InternalLink> addLink)
    {
        if (fr.FrontMatter is not { } y)
        {
            return null;
        }

        var frText = ReadText(fr, y, Lang.Fr, addLink);
        var kind = y.Choice("kind", Slugs.Kinds, required: true);
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
                y.Diagnostics.Error(fr.Path, line, column, $"the session starts on {start.Value:yyyy-MM-dd}, outside the event's days ({string.Join(", ", references.Days.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))})");
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
        var audience = y.Choice("audience", Slugs.Audiences, required: true);
        var registration = ReadRegistration(y);
        var draft = y.Bool("draft") ?? false;
        y.Complete();

        var enText = ItemText.Translation(fr, en, FrenchOnly, (document, ey) => ReadText(document, ey, Lang.En, addLink));

        if (frText is null || kind is null || venue is null || start is null || end is null || audience is null || draft)
        {
            return null;
        }

        return new Session(fr.Id, new Translated<SessionText>(frText, enText), kind.Value, venue, start.Value, end.Value, speakers, audience.Value, registration);
    }

    private SessionText? ReadText(SourceDocument document, YamlObject y, Lang lang, Action<InternalLink> addLink)
    {
        var title = y.String("title", required: true, maxLength: 160);
        var summary = y.String("summary", required: true, maxLength: 400);
        var room = y.String("room");
        var tags = y.StringList("tags").Select(t => t.Value).ToList();
        var body = text.Body(document, lang, addLink);
        return title is null || summary is null
            ? null
            : new SessionText(ItemText.Typeset(title, lang), ItemText.Typeset(summary, lang), room is null ? null : ItemText.Typeset(room, lang), tags, body);
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
}

/// <summary>The venue, speaker and day ids sessions are checked against, kept for incremental reloads.</summary>
internal sealed record SessionReferences(IReadOnlySet<string> Venues, IReadOnlySet<string> Speakers, IReadOnlySet<DateOnly> Days);
