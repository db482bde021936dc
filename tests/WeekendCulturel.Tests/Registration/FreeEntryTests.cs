using System.Net;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>Sessions of the content that take no registration are known to the API as such, from the generator's manifest.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FreeEntryTests(AzuriteFixture azurite, BuiltSite site) : IClassFixture<BuiltSite>
{
    [Fact]
    public async Task Registering_for_a_free_entry_session_says_it_needs_no_registration()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, site.Result.Registration!);

        var french = await api.RegisterAsync(new { sessions = new[] { "atelier-compar-ia", "studio-rfi" }, firstName = "Camille", lastName = "Martin", email = "camille@example.org", acceptPrivacy = true });
        var english = await api.RegisterAsync(new { sessions = new[] { "studio-rfi" }, firstName = "Camille", lastName = "Martin", email = "camille@example.org", lang = "en", acceptPrivacy = true });
        var unknown = await api.RegisterAsync(new { sessions = new[] { "nulle-part" }, firstName = "Camille", lastName = "Martin", email = "camille@example.org", acceptPrivacy = true });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, french.StatusCode);
        var frenchMessage = Assert.Single((await ApiServer.JsonAsync(french)).GetProperty("errors").GetProperty("sessions").EnumerateArray()).GetString()!;
        Assert.Contains("studio de RFI", frenchMessage, StringComparison.Ordinal);
        Assert.Contains("accès libre", frenchMessage, StringComparison.Ordinal);
        Assert.Contains("sans inscription", frenchMessage, StringComparison.Ordinal);
        var englishMessage = Assert.Single((await ApiServer.JsonAsync(english)).GetProperty("errors").GetProperty("sessions").EnumerateArray()).GetString()!;
        Assert.Contains("The RFI studio", englishMessage, StringComparison.Ordinal);
        Assert.Contains("free entry", englishMessage, StringComparison.Ordinal);
        Assert.Contains("no registration", englishMessage, StringComparison.Ordinal);
        Assert.Contains("Séance inconnue", (await ApiServer.JsonAsync(unknown)).GetProperty("errors").GetProperty("sessions")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await api.Store.Seats.CountsAsync("atelier-compar-ia"))!.Value.Confirmed);
    }

    [Fact]
    public async Task A_long_list_of_free_entry_sessions_is_stored_in_parts_and_read_whole()
    {
        // Far over the 32K characters a text may hold in Table Storage.
        var free = Enumerable.Range(1, 400).Select(i => new FreeEntrySession($"libre-{i}", $"Démonstration n° {i} : « {new string('é', 80)} »", $"Demonstration no. {i}: {new string('e', 80)}")).ToList();
        var manifest = new RegistrationManifest(new DateOnly(2025, 2, 9), TestSessions.Standard, TestSessions.Site) { FreeEntry = free };
        await using var api = await ApiServer.StartAsync(azurite.Server, manifest);

        var stored = await CatalogueSync.FreeEntryAsync(api.Store);
        var again = await CatalogueSync.SyncAsync(api.Store, manifest, new Dictionary<string, string>(), ApiServer.Now);

        Assert.True(int.Parse(await api.Store.Catalogue.SiteValueAsync(CatalogueSync.FreeEntryRow) ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 1);
        Assert.Equal(free, stored.Values.OrderBy(s => int.Parse(s.Id[6..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain(again, line => line.Contains("free entry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Free_entry_rows_stored_by_an_older_sync_are_read_then_replaced()
    {
        var manifest = new RegistrationManifest(new DateOnly(2025, 2, 9), TestSessions.Standard, TestSessions.Site) { FreeEntry = [new FreeEntrySession("libre-1", "Démonstration", "Demonstration")] };
        await using var api = await ApiServer.StartAsync(azurite.Server, manifest);

        // What syncs wrote before the manifest's serializer context: the reflection serializer's property names.
        await api.Store.Catalogue.SetSiteValueAsync($"{CatalogueSync.FreeEntryRow}-0", System.Text.Json.JsonSerializer.Serialize(new[] { new FreeEntrySession("ancienne", "Ancienne", "Old") }));
        await api.Store.Catalogue.SetSiteValueAsync(CatalogueSync.FreeEntryRow, "1");

        var old = await CatalogueSync.FreeEntryAsync(api.Store);
        await CatalogueSync.SyncAsync(api.Store, manifest, new Dictionary<string, string>(), ApiServer.Now);

        Assert.Equal(new FreeEntrySession("ancienne", "Ancienne", "Old"), Assert.Single(old.Values));
        Assert.Equal(manifest.FreeEntry, (await CatalogueSync.FreeEntryAsync(api.Store)).Values);
    }
}
