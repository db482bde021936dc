using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using WeekendCulturel.Generator;
using WeekendCulturel.Generator.Assets;
using WeekendCulturel.Generator.Registration;
using WeekendCulturel.Generator.Serve;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.BrowserTests;

/// <summary>
/// The whole site as <c>serve</c> runs it (the real content built for a moment inside the registration
/// window, the registration API on a real Azurite) and Debian's Chromium driven by Playwright. Every test
/// collection holds one of these; they all share one running site and one browser, started by the first and
/// stopped by the last, so that the collections can run at the same time without each paying for its own.
/// </summary>
public sealed class SiteUnderTest : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2025-02-01T10:00:00+01:00");

    /// <summary>
    /// Debian's headless shell of Chromium (package <c>chromium-headless-shell</c>, which scripts/test.sh
    /// installs): the same Blink as the full browser without its browser layer. With it the browser tests used
    /// about 230 s of Chromium CPU instead of 440 s and took 3 min instead of 4 min 49 s (docs/performance.md).
    /// A machine that has only Debian's full <c>chromium</c> runs the same tests with it, more slowly.
    /// </summary>
    public static string BrowserPath { get; } = File.Exists(HeadlessShell) ? HeadlessShell : "/usr/bin/chromium";

    private const string HeadlessShell = "/usr/bin/chromium-headless-shell";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static RunningSite? _shared;
    private static int _holders;

    private RunningSite? _site;

    private RunningSite Site => _site ?? throw new InvalidOperationException("the site did not start");

    public string Output => Site.Output;

    public string BaseUrl => Site.BaseUrl;

    public IBrowser Browser => Site.Browser;

    public BuildResult Build => Site.Build;

    public string AdminKey => Site.AdminKey;

    /// <summary>The inbox of the mail catcher the site sends its e-mails to, as <c>serve</c> does.</summary>
    public CaughtMails Inbox => Site.Inbox;

    /// <summary>The site's services (the registration API's among them).</summary>
    public IServiceProvider Services => Site.Services;

    /// <summary>Every HTML page of the output as its address (<c>/programme/</c>, <c>/404.html</c>), in order.</summary>
    public IReadOnlyList<string> Pages => Site.Pages;

    public SiteTemplates Templates => Site.Templates;

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// A second, small host of the same built site on the same Azurite, in a table of its own, sending to the same
    /// mail catcher, whose API lives by <paramref name="clock"/>: a test moves it without moving the shared site's.
    /// </summary>
    public Task<SideSite> SideSiteAsync(TimeProvider clock) => SideSite.StartAsync(Site.Build, Output, Site.Registration, clock);

    /// <summary>The displays the site is checked and pictured in: light and dark, desktop and phone.</summary>
    public static TheoryData<string, int, bool> Displays => new()
    {
        { "light", 1280, false },
        { "dark", 1280, false },
        { "light", 375, true },
        { "dark", 375, true },
    };

    /// <summary>
    /// The displays besides light on a desktop, where every page is checked: here one page of each template is.
    /// </summary>
    public static TheoryData<string, int, bool> OtherDisplays => new()
    {
        { "dark", 1280, false },
        { "light", 375, true },
        { "dark", 375, true },
    };

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _shared ??= await RunningSite.StartAsync();
            _holders++;
            _site = _shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh browser context (cookies, storage) with the options of one scenario.</summary>
    public Task<IBrowserContext> ContextAsync(bool javaScript = true, int width = 1280, int height = 900, ColorScheme scheme = ColorScheme.Light, bool mobile = false) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme,
            IsMobile = mobile,
            HasTouch = mobile,
            Locale = "fr-FR",
        });

    public async Task DisposeAsync()
    {
        if (_site is null)
        {
            return;
        }

        await Gate.WaitAsync();
        try
        {
            _site = null;
            if (--_holders == 0 && _shared is { } last)
            {
                _shared = null;
                await last.DisposeAsync();
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WeekendCulturel.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("WeekendCulturel.sln not found");
    }

    /// <summary>The built site, its server with the registration API, and the browser, while they run.</summary>
    private sealed class RunningSite : IAsyncDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "wc-browser", Guid.NewGuid().ToString("N"));
        private LocalRegistration? _registration;
        private WebApplication? _app;
        private IPlaywright? _playwright;

        public string Output => Path.Combine(_root, "_site");

        public string BaseUrl { get; private set; } = "";

        public IBrowser Browser { get; private set; } = default!;

        public BuildResult Build { get; private set; } = default!;

        public string AdminKey => Registration.AdminKey;

        public LocalRegistration Registration => _registration ?? throw new InvalidOperationException("the registration API did not start");

        public CaughtMails Inbox { get; private set; } = default!;

        public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("the site did not start");

        public IReadOnlyList<string> Pages { get; private set; } = [];

        public SiteTemplates Templates { get; private set; } = default!;

        public static async Task<RunningSite> StartAsync()
        {
            var site = new RunningSite();
            try
            {
                await site.StartPartsAsync();
                return site;
            }
            catch
            {
                await site.DisposeAsync();
                throw;
            }
        }

        private async Task StartPartsAsync()
        {
            // What the assertions wait for is often a round trip through the API, storage and a page it renders:
            // with six collections, Azurite and Chromium on two cores, 5 s (Playwright's default) was once too short.
            Assertions.SetDefaultExpectTimeout(15_000);
            using (var builder = new SiteBuilder(ThemeFiles.Default()))
            {
                Build = builder.Build(new BuildOptions(Path.Combine(RepositoryRoot, "content"), Output, null, Now, RepositoryRoot));
            }

            if (!Build.Succeeded)
            {
                throw new InvalidOperationException(string.Join('\n', Build.Diagnostics));
            }

            Pages = [.. Directory.GetFiles(Output, "*.html", SearchOption.AllDirectories)
                .Select(f => "/" + Path.GetRelativePath(Output, f).Replace('\\', '/'))
                .Select(p => p.EndsWith("/index.html", StringComparison.Ordinal) ? p[..^"index.html".Length] : p)
                .Order(StringComparer.Ordinal)];
            Templates = SiteTemplates.Of(Build, Output, Now);

            var port = AzuriteServer.FreePort();
            _registration = await LocalRegistration.StartAsync(null, Now, Path.Combine(_root, "data"), new Dictionary<string, string?>
            {
                // The journeys post many times from one address; the limit has its own test in the API tests.
                ["Registration:RateLimitPerMinute"] = "0",
            }, new Uri($"http://localhost:{port}/"), mailCatcher: true);
            Inbox = new CaughtMails(_registration.InboxUrl ?? throw new InvalidOperationException($"no mail catcher: {_registration.MailCatcherProblem}"));
            _app = PreviewServer.CreateApp(Output, new LiveReloadHub(), port, _registration);
            await _app.StartAsync();
            await LocalRegistration.SyncAsync(_app.Services, Build);
            BaseUrl = $"http://localhost:{port}";

            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
        }

        public async ValueTask DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.CloseAsync();
            }

            _playwright?.Dispose();
            if (_app is not null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }

            Inbox?.Dispose();
            if (_registration is not null)
            {
                await _registration.DisposeAsync();
            }

            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is harmless.
            }
        }
    }
}

/// <summary>
/// The built site served by a host of its own, with the registration API on the shared site's Azurite (in a
/// table of its own, so that its seats are its own) and sending to the shared mail catcher, on a clock of its own.
/// </summary>
public sealed class SideSite : IAsyncDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "wc-browser", Guid.NewGuid().ToString("N"));
    private LocalRegistration? _registration;
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("the side site did not start");

    internal static async Task<SideSite> StartAsync(BuildResult build, string output, LocalRegistration shared, TimeProvider clock)
    {
        var site = new SideSite();
        try
        {
            var section = WeekendCulturel.Registration.RegistrationOptions.Section;
            var port = AzuriteServer.FreePort();
            site._registration = await LocalRegistration.StartAsync(shared.Configuration[$"{section}:StorageConnectionString"], clock, site._data, new Dictionary<string, string?>
            {
                [$"{section}:TableName"] = "side" + Guid.NewGuid().ToString("N")[..16],
                [$"{section}:RateLimitPerMinute"] = "0",
                [$"{section}:Smtp:Host"] = shared.Configuration[$"{section}:Smtp:Host"],
                [$"{section}:Smtp:Port"] = shared.Configuration[$"{section}:Smtp:Port"],
                [$"{section}:Smtp:Security"] = shared.Configuration[$"{section}:Smtp:Security"],
            }, new Uri($"http://localhost:{port}/"));
            site._app = PreviewServer.CreateApp(output, new LiveReloadHub(), port, site._registration);
            await site._app.StartAsync();
            await LocalRegistration.SyncAsync(site._app.Services, build);
            site.BaseUrl = $"http://localhost:{port}";
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_registration is not null)
        {
            await _registration.DisposeAsync();
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}

/// <summary>
/// The collections xunit runs side by side, as many at once as there are cores, on the one site and browser:
/// Chromium's pages, the Nu checker's Java and the waits on the API overlap instead of queueing. (Starting all
/// five at once on two cores was slower, and a booking page then took more than the 5 s a check waits.)
/// Tests run one after the other within a collection. Tests in different collections book different
/// sessions, so that seat counts and waiting lists one of them asserts are not moved by another.
/// </summary>
public static class SiteCollection
{
    /// <summary>axe on every page in light on a desktop, a few pages at a time.</summary>
    public const string EveryPage = "every page";

    /// <summary>axe on a page of each template in the other displays, and on the pages of the API.</summary>
    public const string EveryDisplay = "every display";

    /// <summary>The Nu HTML Checker, which runs on Java rather than in the browser.</summary>
    public const string Markup = "markup";

    /// <summary>Journeys, keyboard, phone, no script, display settings.</summary>
    public const string Visitors = "visitors";

    /// <summary>Screenshots and the form controls' visibility: what is drawn.</summary>
    public const string Drawing = "drawing";

    /// <summary>Journeys through the e-mails, read in the mail catcher, and the pages their links open.</summary>
    public const string Mail = "mail";
}

[CollectionDefinition(SiteCollection.EveryPage)]
public sealed class EveryPageCollection : ICollectionFixture<SiteUnderTest>;

[CollectionDefinition(SiteCollection.EveryDisplay)]
public sealed class EveryDisplayCollection : ICollectionFixture<SiteUnderTest>;

[CollectionDefinition(SiteCollection.Markup)]
public sealed class MarkupCollection : ICollectionFixture<SiteUnderTest>;

[CollectionDefinition(SiteCollection.Visitors)]
public sealed class VisitorsCollection : ICollectionFixture<SiteUnderTest>;

[CollectionDefinition(SiteCollection.Drawing)]
public sealed class DrawingCollection : ICollectionFixture<SiteUnderTest>;

[CollectionDefinition(SiteCollection.Mail)]
public sealed class MailCollection : ICollectionFixture<SiteUnderTest>;
