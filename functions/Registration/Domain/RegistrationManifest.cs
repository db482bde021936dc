using System.Text.Json;
using System.Text.Json.Serialization;

namespace WeekendCulturel.Registration.Domain;

/// <summary>
/// What the generator tells the registration backend about the built site: every session that takes
/// registrations, the sessions that take none (free entry, so that asking to register for one is answered as
/// such), the event's last day (for retention) and the site's pages the API sends browsers to. <c>serve</c>
/// and <c>registrations sync</c> hand this record to <see cref="CatalogueSync"/> as the build made it; the
/// site also publishes it as <c>registration-manifest.json</c> (<see cref="ToJson"/>).
/// </summary>
public sealed record RegistrationManifest(DateOnly LastDay, IReadOnlyList<SessionDefinition> Sessions, SiteAddresses Site)
{
    public IReadOnlyList<FreeEntrySession> FreeEntry { get; init; } = [];

    /// <summary>
    /// The published file, without the sessions' calendar texts: the site publishes those beside it, at each
    /// session's <see cref="SessionLinks.CalendarFr"/> and <see cref="SessionLinks.CalendarEn"/>.
    /// </summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ManifestJson.Default.RegistrationManifest);

    /// <summary>A published file read back; its sessions have no <see cref="SessionDefinition.Calendars"/>.</summary>
    public static RegistrationManifest FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, ManifestJson.Default.RegistrationManifest) ?? throw new JsonException("the registration manifest is null");

    // A record compares its lists by reference; two builds of the same site must give equal manifests, so that
    // serve syncs only after a build that changed something.
    public bool Equals(RegistrationManifest? other) =>
        other is not null && LastDay == other.LastDay && Site == other.Site && Sessions.SequenceEqual(other.Sessions) && FreeEntry.SequenceEqual(other.FreeEntry);

    public override int GetHashCode() => HashCode.Combine(LastDay, Sessions.Count, FreeEntry.Count);
}

// Read without regard to case: the free-entry rows that syncs before this context stored were written with
// the reflection serializer's names (Id, TitleFr), and a sync must read them to replace them.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(RegistrationManifest))]
[JsonSerializable(typeof(SiteAddresses))]
[JsonSerializable(typeof(List<FreeEntrySession>))]
internal sealed partial class ManifestJson : JsonSerializerContext;
