using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeekendCulturel.Generator.DataFiles;
using WeekendCulturel.Generator.Registration;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Hosting;
using WeekendCulturel.Registration.Storage;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Tests.Support;

/// <summary>
/// The registration API on a real Kestrel and a real Azurite, each test with its own table so that tests do
/// not see each other's registrations. The clock is fixed at a chosen moment (and runs from there).
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789abcdefghijklmnop";
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2025-02-01T10:00:00+01:00");

    /// <summary>The site's address as configured: not the address the tests reach the server at.</summary>
    public const string SiteUrl = "https://weekend.example.org/";

    private readonly WebApplication _app;

    private ApiServer(WebApplication app, int port)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public RegistrationStore Store => Services.GetRequiredService<RegistrationStore>();

    /// <summary>Starts the API on <paramref name="azurite"/>, or on <paramref name="storage"/> when given (a relay in front of it), with <paramref name="settings"/> over the test's own.</summary>
    /// <summary>A table no other test uses (each server gets one, unless its settings name one to share).</summary>
    public static string NewTableName() => "t" + Guid.NewGuid().ToString("N")[..20];

    public static Task<ApiServer> StartAsync(AzuriteServer azurite, IReadOnlyList<SessionDefinition> sessions, int rateLimit = 0, DateTimeOffset? now = null, string? storage = null, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null, bool sendsMail = false) =>
        StartAsync(azurite, new RegistrationManifest(new DateOnly(2025, 2, 9), sessions, TestSessions.Site), rateLimit, now, storage, settings, clock, sendsMail);

    /// <param name="clock">The API's clock; by default one that starts at <paramref name="now"/> and runs.</param>
    /// <param name="sendsMail">Runs the dispatcher and the sweeps in the server, as serve does (give the relay in <paramref name="settings"/>).</param>
    public static async Task<ApiServer> StartAsync(AzuriteServer azurite, RegistrationManifest manifest, int rateLimit = 0, DateTimeOffset? now = null, string? storage = null, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null, bool sendsMail = false)
    {
        var port = AzuriteServer.FreePort();
        // A folder that is there whatever the runner's working directory.
        var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        web.Logging.ClearProviders();
        web.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Registration:StorageConnectionString"] = storage ?? azurite.ConnectionString,
            ["Registration:TableName"] = NewTableName(),
            ["Registration:AdminKey"] = AdminKey,
            ["Registration:EmailHashKey"] = "test-email-hash-key-0123456789abcdefghij",
            ["Registration:RateLimitPerMinute"] = rateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Registration:SiteUrl"] = SiteUrl,

            // Version 1's rules unless a test asks for version 2's: seats confirmed at once.
            ["Registration:ConfirmByEmail"] = "false",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        web.Services.AddRegistration(configuration, clock ?? new ShiftedClock(now ?? Now));
        if (sendsMail)
        {
            web.Services.AddInProcessMail();
        }

        var app = web.Build();
        app.MapRegistrationApi();
        await app.StartAsync();
        var server = new ApiServer(app, port);
        await CatalogueSync.SyncAsync(server.Store, manifest, new Dictionary<string, string>(), now ?? Now);

        // As serve does after a sync: the background sweep may have read the catalogue before it was written.
        server.Services.GetRequiredService<SessionCatalogue>().Invalidate();
        return server;
    }

    /// <summary>A registration body with a distinct person for each <paramref name="n"/>.</summary>
    public static object Person(int n, params string[] sessions) => Body($"camille.martin.{n}@example.org", $"Martin-{n}", sessions);

    /// <summary>A registration body for Camille Martin at <paramref name="email"/>.</summary>
    public static object Person(string email, params string[] sessions) => Body(email, "Martin", sessions);

    private static object Body(string email, string lastName, string[] sessions) => new
    {
        sessions,
        firstName = "Camille",
        lastName,
        email,
        organisation = "",
        lang = "fr",
        acceptWaitlist = true,
        acceptPrivacy = true,
        website = "",
    };

    public Task<HttpResponseMessage> RegisterAsync(object body) => Client.PostAsJsonAsync("/api/registrations", body);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Sessions made for the tests, around the fixed moment of <see cref="ApiServer.Now"/>.</summary>
public static class TestSessions
{
    private static readonly DateTimeOffset Opens = DateTimeOffset.Parse("2025-01-20T10:00:00+01:00");

    public static SessionDefinition Session(string id, int capacity, bool waitlist = true, string start = "2025-02-08T10:00:00+01:00", string end = "2025-02-08T11:00:00+01:00", DateTimeOffset? opens = null) =>
        new(id, "Séance " + id, "Session " + id, opens ?? Opens, DateTimeOffset.Parse(start), DateTimeOffset.Parse(start), DateTimeOffset.Parse(end), capacity, waitlist,
            new SessionLinks($"/programme/{id}/", $"/en/programme/{id}/", $"/agenda/{id}.ics", $"/en/calendar/{id}.ics"));

    /// <summary>The site's pages as the generator puts them in the manifest of the real content.</summary>
    public static readonly SiteAddresses Site = RegistrationManifestWriter.Addresses(lang => lang == Lang.Fr ? "/donnees-personnelles/" : "/en/personal-data/");

    public static IReadOnlyList<SessionDefinition> Standard =>
    [
        Session("rush", 25),
        Session("small", 2, start: "2025-02-08T14:00:00+01:00", end: "2025-02-08T15:00:00+01:00"),
        Session("no-waitlist", 1, waitlist: false, start: "2025-02-08T16:00:00+01:00", end: "2025-02-08T17:00:00+01:00"),
        Session("overlapping", 30, start: "2025-02-08T10:30:00+01:00", end: "2025-02-08T11:30:00+01:00"),
        Session("past", 30, start: "2025-01-31T10:00:00+01:00", end: "2025-01-31T11:00:00+01:00"),
        Session("future", 30, start: "2025-02-09T10:00:00+01:00", end: "2025-02-09T11:00:00+01:00", opens: DateTimeOffset.Parse("2025-02-05T10:00:00+01:00")),
        .. Enumerable.Range(1, 11).Select(i => Session($"s{i}", 10, start: $"2025-02-09T12:{i * 3:00}:00+01:00", end: $"2025-02-09T12:{(i * 3) + 1:00}:00+01:00")),
    ];
}
