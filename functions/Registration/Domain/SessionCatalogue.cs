using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Registration.Domain;

/// <summary>
/// The sessions that take registrations, read from storage (where <c>registrations sync</c> puts them) and
/// kept for a short while: every request needs them, and they change only when the site is published.
/// </summary>
public sealed class SessionCatalogue(RegistrationStore store, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset Read, IReadOnlyDictionary<string, SessionDefinition> Sessions)? _cached;
    private FreeEntryRead? _freeEntry;
    private SiteRead? _site;

    public async Task<IReadOnlyDictionary<string, SessionDefinition>> AllAsync(CancellationToken cancellation = default)
    {
        var now = clock.GetUtcNow();
        if (_cached is { } cached && now - cached.Read < Lifetime)
        {
            return cached.Sessions;
        }

        await _gate.WaitAsync(cancellation);
        try
        {
            if (_cached is { } again && now - again.Read < Lifetime)
            {
                return again.Sessions;
            }

            var sessions = (await store.Catalogue.SessionsAsync(cancellation)).OrderBy(s => s.Start).ThenBy(s => s.Id, StringComparer.Ordinal)
                .ToDictionary(s => s.Id, StringComparer.Ordinal);
            _cached = (now, sessions);
            return sessions;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The sessions of the site that take no registration, kept like the others; read only when a request
    /// names a session that does not take registrations.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, FreeEntrySession>> FreeEntryAsync(CancellationToken cancellation = default)
    {
        var now = clock.GetUtcNow();
        if (_freeEntry is { } cached && now - cached.Read < Lifetime)
        {
            return cached.Sessions;
        }

        var sessions = await CatalogueSync.FreeEntryAsync(store, cancellation);
        _freeEntry = new FreeEntryRead(now, sessions);
        return sessions;
    }

    /// <summary>
    /// The site's pages in <paramref name="lang"/>, kept like the sessions. They only make links, so storage
    /// that cannot be read gives the last ones read (<see cref="KnownPages"/>) rather than an error.
    /// </summary>
    public async Task<SitePages> PagesAsync(string lang, CancellationToken cancellation = default)
    {
        var now = clock.GetUtcNow();
        if (_site is { } cached && now - cached.Read < Lifetime)
        {
            return cached.Site.In(lang);
        }

        try
        {
            var read = new SiteRead(now, await CatalogueSync.SiteAddressesAsync(store, cancellation) ?? SiteAddresses.Root);
            _site = read;
            return read.Site.In(lang);
        }
        catch (StorageUnavailableException)
        {
            return KnownPages(lang);
        }
    }

    /// <summary>The site's pages as last read, without asking storage (for the answer that storage is down); the site's root before any read.</summary>
    public SitePages KnownPages(string lang) => (_site?.Site ?? SiteAddresses.Root).In(lang);

    /// <summary>Forgets what was read, after a sync.</summary>
    public void Invalidate()
    {
        _cached = null;
        _freeEntry = null;
        _site = _site is { } site ? site with { Read = DateTimeOffset.MinValue } : null;
    }

    private sealed record FreeEntryRead(DateTimeOffset Read, IReadOnlyDictionary<string, FreeEntrySession> Sessions);

    private sealed record SiteRead(DateTimeOffset Read, SiteAddresses Site);
}
