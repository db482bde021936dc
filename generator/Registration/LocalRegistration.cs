using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeekendCulturel.Registration;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Hosting;
using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Generator.Registration;

/// <summary>
/// The registration backend as <c>serve</c> and <c>registrations sync</c> run it locally: Table Storage from
/// <c>--storage</c>, else <c>Registration__StorageConnectionString</c>, else an Azurite started here with its
/// data under <c>.data/</c>; local secrets in <c>.data/</c> unless the environment gives them. For serve, the
/// e-mails go to a mail catcher started here (messages under <c>.data/mail/</c>) unless
/// <c>Registration__Smtp__Host</c> names a relay.
/// </summary>
public sealed class LocalRegistration : IAsyncDisposable
{
    private readonly AzuriteServer? _azurite;
    private readonly MailCatcher? _catcher;

    private LocalRegistration(IConfiguration configuration, TimeProvider clock, AzuriteServer? azurite, string storage, MailCatcher? catcher, string? catcherProblem)
    {
        Configuration = configuration;
        Clock = clock;
        _azurite = azurite;
        StorageDescription = storage;
        _catcher = catcher;
        MailCatcherProblem = catcherProblem;
    }

    public IConfiguration Configuration { get; }

    public TimeProvider Clock { get; }

    public string StorageDescription { get; }

    public string AdminKey => Configuration[$"{RegistrationOptions.Section}:AdminKey"]!;

    /// <summary>The mail catcher's web inbox, where every e-mail sent lands; null when no catcher runs.</summary>
    public Uri? InboxUrl => _catcher?.InboxUrl;

    /// <summary>Why the mail catcher asked for could not start (e-mails then stay pending); null otherwise.</summary>
    public string? MailCatcherProblem { get; }

    /// <summary>The relay the e-mails go to, as <c>host:port</c>; null when there is none.</summary>
    public string? MailRelay => Configuration[$"{RegistrationOptions.Section}:Smtp:Host"] is { Length: > 0 } host
        ? $"{host}:{Configuration[$"{RegistrationOptions.Section}:Smtp:Port"] ?? new SmtpOptions().Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
        : null;

    public static Task<LocalRegistration> StartAsync(string? storage, DateTimeOffset? now, string dataDirectory, IReadOnlyDictionary<string, string?>? overrides = null, Uri? siteUrl = null, bool mailCatcher = false) =>
        StartAsync(storage, ShiftedClock.For(now), dataDirectory, overrides, siteUrl, mailCatcher);

    /// <param name="siteUrl">Where the site is served (serve's own address): the API's absolute links start with it.</param>
    /// <param name="mailCatcher">
    /// Start a <see cref="MailCatcher"/> and send the e-mails to it, unless the environment or
    /// <paramref name="overrides"/> name a relay (<c>Registration:Smtp:Host</c>). When it cannot start,
    /// <see cref="MailCatcherProblem"/> says why and the rest runs without it.
    /// </param>
    public static async Task<LocalRegistration> StartAsync(string? storage, TimeProvider clock, string dataDirectory, IReadOnlyDictionary<string, string?>? overrides = null, Uri? siteUrl = null, bool mailCatcher = false)
    {
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var section = RegistrationOptions.Section;
        string? catcherProblem = null;
        Task<MailCatcher>? catcherStarting = null;
        var relayNamed = !string.IsNullOrWhiteSpace(environment[$"{section}:Smtp:Host"])
            || (overrides is not null && overrides.TryGetValue($"{section}:Smtp:Host", out var host) && !string.IsNullOrWhiteSpace(host));
        if (mailCatcher && !relayNamed)
        {
            try
            {
                // Installed first, on its own: 'npm ci' empties node_modules, Azurite's folder too. Then the two
                // start side by side, each taking a few seconds.
                await MailCatcher.InstallAsync();
                catcherStarting = MailCatcher.StartAsync(Path.Combine(dataDirectory, "mail"));
            }
            catch (InvalidOperationException e)
            {
                catcherProblem = e.Message;
            }
        }

        async Task<MailCatcher?> CatcherAsync()
        {
            try
            {
                return catcherStarting is null ? null : await catcherStarting;
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                catcherProblem = e.Message;
                return null;
            }
        }

        AzuriteServer? azurite = null;
        string description;
        var connection = storage ?? environment[$"{section}:StorageConnectionString"];
        if (string.IsNullOrWhiteSpace(connection))
        {
            try
            {
                azurite = await AzuriteServer.StartAsync(Path.Combine(dataDirectory, "azurite"));
            }
            catch
            {
                if (await CatcherAsync() is { } started)
                {
                    await started.DisposeAsync();
                }

                throw;
            }

            connection = azurite.ConnectionString;
            description = $"Azurite on 127.0.0.1:{azurite.Port}, data in {Path.Combine(dataDirectory, "azurite")}";
        }
        else
        {
            description = storage is null ? "Registration__StorageConnectionString" : "--storage";
        }

        IConfiguration Configure(MailCatcher? catcher) => new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{section}:AdminKey"] = LocalSecrets.GetOrCreate(dataDirectory, "admin-key"),
                [$"{section}:EmailHashKey"] = LocalSecrets.GetOrCreate(dataDirectory, "email-hash-key"),
            })
            .AddEnvironmentVariables()
            .AddInMemoryCollection(connection.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                // A Table endpoint: signed in with Azure.Identity (the Azure CLI's login, a managed identity...).
                ? new Dictionary<string, string?> { [$"{section}:TableEndpoint"] = connection, [$"{section}:StorageConnectionString"] = "" }
                : new Dictionary<string, string?> { [$"{section}:StorageConnectionString"] = connection })
            .AddInMemoryCollection(siteUrl is null ? [] : new Dictionary<string, string?> { [$"{section}:SiteUrl"] = siteUrl.AbsoluteUri })
            .AddInMemoryCollection(catcher is null ? [] : new Dictionary<string, string?>
            {
                [$"{section}:Smtp:Host"] = "127.0.0.1",
                [$"{section}:Smtp:Port"] = catcher.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [$"{section}:Smtp:Security"] = nameof(SmtpSecurity.None),
                [$"{section}:Smtp:Username"] = "",
                [$"{section}:Smtp:Password"] = "",
            })
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();

        var catcher = await CatcherAsync();
        var configuration = Configure(catcher);

        // The same refusal as the hosts' SettingsCheck, said before anything is served rather than as a trace.
        if ((configuration.GetSection(section).Get<RegistrationOptions>() ?? new RegistrationOptions()).Problems() is [_, ..] problems)
        {
            if (catcher is not null)
            {
                await catcher.DisposeAsync();
            }

            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            throw new SettingsRefusedException(string.Join("; ", problems));
        }

        return new LocalRegistration(configuration, clock, azurite, description, catcher, catcherProblem);
    }

    /// <summary>
    /// <see cref="StartAsync"/> for a command: when the local storage cannot start (no node, npm could not
    /// install Azurite, Azurite stopped or did not answer), says why on stderr and gives null. A mail catcher
    /// that cannot start is one warning line, and the command goes on without it.
    /// </summary>
    public static async Task<LocalRegistration?> StartForAsync(string command, string? storage, TimeProvider clock, string dataDirectory, Uri? siteUrl = null, bool mailCatcher = false)
    {
        try
        {
            var registration = await StartAsync(storage, clock, dataDirectory, siteUrl: siteUrl, mailCatcher: mailCatcher);
            if (registration.MailCatcherProblem is { } problem)
            {
                Console.Error.WriteLine($"{command}: warning: no mail catcher: {problem}; e-mails stay pending");
            }

            return registration;
        }
        catch (SettingsRefusedException e)
        {
            Console.Error.WriteLine($"{command}: error: registration settings refused: {e.Message}");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"{command}: error: the registration storage could not start: {e.Message}");
            return null;
        }
    }

    public void AddTo(IServiceCollection services) => services.AddRegistration(Configuration, Clock);

    /// <summary>Puts the built site's sessions, last day and page shells into storage; returns what changed.</summary>
    public static async Task<IReadOnlyList<string>> SyncAsync(IServiceProvider services, BuildResult build)
    {
        var store = services.GetRequiredService<RegistrationStore>();
        var manifest = build.Registration ?? throw new InvalidOperationException("the build made no registration manifest");
        var report = await CatalogueSync.SyncAsync(store, manifest, build.Shells, services.GetRequiredService<TimeProvider>().GetUtcNow());
        services.GetRequiredService<SessionCatalogue>().Invalidate();
        return report;
    }

    public async ValueTask DisposeAsync()
    {
        if (_catcher is not null)
        {
            await _catcher.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

/// <summary>A registration setting that would do harm (<see cref="RegistrationOptions.Problems"/>).</summary>
public sealed class SettingsRefusedException(string message) : Exception(message);
