using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using WeekendCulturel.Generator;
using WeekendCulturel.Generator.Assets;
using WeekendCulturel.Generator.Registration;
using WeekendCulturel.Generator.Serve;

namespace WeekendCulturel.BrowserTests;

/// <summary>
/// The whole site as <c>serve</c> runs it (the real content built for a moment inside the registration
/// window, the registration API on a real Azurite) and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class SiteUnderTest : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2025-02-01T10:00:00+01:00");

    private readonly string _root = Path.Combine(Path.GetTempPath(), "wc-browser", Guid.NewGuid().ToString("N"));
    private LocalRegistration? _registration;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string Output => Path.Combine(_root, "_site");

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public BuildResult Build { get; private set; } = default!;

    public string AdminKey => _registration!.AdminKey;

    public static string RepositoryRoot { get; } = FindRoot();

    public async Task InitializeAsync()
    {
        using (var builder = new SiteBuilder(ThemeFiles.Default()))
        {
            Build = builder.Build(new BuildOptions(Path.Combine(RepositoryRoot, "content"), Output, null, Now));
        }

        if (!Build.Succeeded)
        {
            throw new InvalidOperationException(string.Join('\n', Build.Diagnostics));
        }

        _registration = await LocalRegistration.StartAsync(null, Now, Path.Combine(_root, "data"), new Dictionary<string, string?>
        {
            // The journeys post many times from one address; the limit has its own test in the API tests.
            ["Registration:RateLimitPerMinute"] = "0",
        });
        var port = AzuriteServer.FreePort();
        _app = PreviewServer.CreateApp(Output, new LiveReloadHub(), port, _registration);
        await _app.StartAsync();
        await LocalRegistration.SyncAsync(_app.Services, Build);
        BaseUrl = $"http://localhost:{port}";

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>The displays every page is checked and pictured in: light and dark, desktop and phone.</summary>
    public static TheoryData<string, int, bool> Displays => new()
    {
        { "light", 1280, false },
        { "dark", 1280, false },
        { "light", 375, true },
        { "dark", 375, true },
    };

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

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WeekendCulturel.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("WeekendCulturel.sln not found");
    }
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteUnderTest>
{
    public const string Name = "site under test";
}
