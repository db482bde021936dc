using System.Globalization;
using System.Text.Json;
using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Registration.Domain;

/// <summary>
/// Brings storage in line with the published site: every session of the manifest with its window and
/// capacity, the sessions without registration, the event's last day (for retention), the site's pages the
/// API links to and the page shells of the no-JavaScript pages. Returns what it did, one line each, for the console.
/// </summary>
public static class CatalogueSync
{
    public const string LastDayRow = "last-day";

    public const string SitePagesRow = "site-pages";

    public static string ShellRow(string lang) => "shell-" + lang;

    /// <summary>How many parts the list of free-entry sessions is written in (rows <c>free-entry-0</c>...).</summary>
    public const string FreeEntryRow = "free-entry";

    // Table Storage holds at most 32K characters in a text: the list is written as JSON in parts of at most
    // this length. The serializer escapes every character outside ASCII, so a part may end anywhere.
    private const int FreeEntryPart = 30_000;

    public static async Task<IReadOnlyList<string>> SyncAsync(RegistrationStore store, RegistrationManifest manifest, IReadOnlyDictionary<string, string> shells, DateTimeOffset now, CancellationToken cancellation = default)
    {
        var report = new List<string>();
        await store.EnsureTableAsync(cancellation);
        var before = (await store.Catalogue.SessionsAsync(cancellation)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var session in manifest.Sessions)
        {
            // A session stored exactly as it is now needs nothing: a site of ten thousand sessions would
            // otherwise cost three storage calls per session after every edit in serve. The counter is set
            // before the definition is stored, so a stored definition means its counter was set too.
            if (before.TryGetValue(session.Id, out var stored) && stored == CatalogueRows.AsStored(session))
            {
                continue;
            }

            var counts = await store.Seats.CountsAsync(session.Id, cancellation);

            // Only someone waiting can be promoted, and only then do the overlaps matter (a site of ten
            // thousand new sessions would otherwise compare each with all the others).
            IReadOnlyCollection<string> overlapping = counts is { Waiting: > 0 } ? session.OverlappingIn(manifest.Sessions) : [];
            var promoted = await store.Seats.SetCapacityAsync(session, overlapping, now, cancellation);
            await store.Catalogue.UpsertSessionAsync(session, cancellation);
            if (counts is null)
            {
                report.Add($"{session.Id}: added, {session.Capacity} seats");
                continue;
            }

            var (capacity, confirmed, _, _) = counts.Value;
            if (session.Capacity > capacity)
            {
                report.Add($"{session.Id}: capacity raised from {capacity} to {session.Capacity}; {promoted} promoted from the waiting list");
            }
            else if (session.Capacity < capacity)
            {
                report.Add(session.Capacity < confirmed
                    ? $"{session.Id}: capacity lowered from {capacity} to {session.Capacity}, below its {confirmed} confirmed registrations: nobody is removed, and no seat is offered until cancellations bring it under"
                    : $"{session.Id}: capacity lowered from {capacity} to {session.Capacity}");
            }
        }

        foreach (var gone in before.Keys.Except(manifest.Sessions.Select(s => s.Id)))
        {
            report.Add($"{gone}: no longer in the manifest; its registrations are kept (remove them from the organisers' export if the session is cancelled)");
        }

        var freeEntry = manifest.FreeEntry.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        if (!(await FreeEntryAsync(store, cancellation)).Values.OrderBy(s => s.Id, StringComparer.Ordinal).SequenceEqual(freeEntry))
        {
            var parts = JsonSerializer.Serialize(freeEntry, ManifestJson.Default.ListFreeEntrySession).Chunk(FreeEntryPart).Select(part => new string(part)).ToList();
            for (var i = 0; i < parts.Count; i++)
            {
                await store.Catalogue.SetSiteValueAsync($"{FreeEntryRow}-{i}", parts[i], cancellation);
            }

            // The count last: whoever reads it finds its parts written.
            await store.Catalogue.SetSiteValueAsync(FreeEntryRow, parts.Count.ToString(CultureInfo.InvariantCulture), cancellation);
            report.Add($"{freeEntry.Count} sessions without registration (free entry)");
        }

        await store.Catalogue.SetSiteValueAsync(LastDayRow, manifest.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), cancellation);
        await store.Catalogue.SetSiteValueAsync(SitePagesRow, JsonSerializer.Serialize(manifest.Site, ManifestJson.Default.SiteAddresses), cancellation);
        foreach (var (lang, html) in shells)
        {
            await store.Catalogue.SetSiteValueAsync(ShellRow(lang), html, cancellation);
        }

        return report;
    }

    /// <summary>The site's pages as the last sync stored them; null before the first.</summary>
    public static async Task<SiteAddresses?> SiteAddressesAsync(RegistrationStore store, CancellationToken cancellation = default) =>
        await store.Catalogue.SiteValueAsync(SitePagesRow, cancellation) is { } json ? JsonSerializer.Deserialize(json, ManifestJson.Default.SiteAddresses) : null;

    /// <summary>The sessions without registration, by id, as the last sync stored them.</summary>
    public static async Task<IReadOnlyDictionary<string, FreeEntrySession>> FreeEntryAsync(RegistrationStore store, CancellationToken cancellation = default)
    {
        if (!int.TryParse(await store.Catalogue.SiteValueAsync(FreeEntryRow, cancellation), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return new Dictionary<string, FreeEntrySession>();
        }

        var parts = await Task.WhenAll(Enumerable.Range(0, count).Select(i => store.Catalogue.SiteValueAsync($"{FreeEntryRow}-{i}", cancellation)));
        try
        {
            return JsonSerializer.Deserialize(string.Concat(parts), ManifestJson.Default.ListFreeEntrySession)!.ToDictionary(s => s.Id, StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            // Read while a sync was writing it: the next read finds it whole.
            return new Dictionary<string, FreeEntrySession>();
        }
    }
}
