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

    /// <summary>Forgets what was read, after a sync.</summary>
    public void Invalidate()
    {
        _cached = null;
        _freeEntry = null;
    }

    private sealed record FreeEntryRead(DateTimeOffset Read, IReadOnlyDictionary<string, FreeEntrySession> Sessions);
}
