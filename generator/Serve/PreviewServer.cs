using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WeekendCulturel.Generator.Cli;
using WeekendCulturel.Generator.Registration;
using WeekendCulturel.Registration.Hosting;
using WeekendCulturel.Contract;

namespace WeekendCulturel.Generator.Serve;

/// <summary>
/// <c>serve</c>: builds the site, serves the output folder on localhost, rebuilds when content or theme files
/// change and reloads the open tabs. Small pieces do the work: a debounced watcher, the builds (which never
/// stop serve), a reload hub and a script-injection middleware.
/// </summary>
public static class PreviewServer
{
    public static async Task<int> RunAsync(SiteBuilder builder, BuildOptions options, CommandLine line)
    {
        // One clock for the pages and the API: with --now it starts at that moment and runs on from there.
        var clock = ShiftedClock.For(line.Now);
        var hub = new LiveReloadHub();
        var builds = new PreviewBuilds(builder, options, clock, hub, line.Quiet);
        var first = builds.Build();
        if (first is null && !Directory.Exists(options.OutputDirectory))
        {
            Console.Error.WriteLine("serve: the content has errors and there is no earlier build to show; fix them and start again.");
            return 1;
        }

        await using var registration = await LocalRegistration.StartForAsync("serve", line.Storage, clock, Path.GetFullPath(".data"), new Uri($"http://localhost:{line.Port}/"), mailCatcher: true);
        if (registration is null)
        {
            return 1;
        }

        if (first is not null)
        {
            _ = builds.WarmUpAsync(first.Pages);
        }

        var siteRoot = Path.GetFullPath(options.OutputDirectory);
        var app = CreateApp(siteRoot, hub, line.Port, registration);
        WeekendCulturel.Registration.Domain.RegistrationManifest? syncedManifest = null;
        async Task SyncAsync(BuildResult result)
        {
            if (result.Registration == syncedManifest)
            {
                return;
            }

            var changes = await LocalRegistration.SyncAsync(app.Services, result);
            foreach (var change in changes.Take(20))
            {
                Console.WriteLine("registrations: " + change);
            }

            if (changes.Count > 20)
            {
                Console.WriteLine($"registrations: and {changes.Count - 20} more changes");
            }

            syncedManifest = result.Registration;
        }

        try
        {
            if (first is not null)
            {
                await SyncAsync(first);
            }
        }
        catch (WeekendCulturel.Registration.Storage.StorageUnavailableException e)
        {
            Console.Error.WriteLine($"error: registration storage is unavailable ({e.Message}); check --storage or Registration__StorageConnectionString");
            return 1;
        }

        var theme = Assets.ThemeFiles.Default();
        using var watcher = new ContentWatcher([Path.GetFullPath(options.ContentDirectory), theme.Directory], TimeSpan.FromMilliseconds(60), changed =>
        {
            if (builds.Rebuild(changed) is not { } result)
            {
                return;
            }

            try
            {
                SyncAsync(result).GetAwaiter().GetResult();
            }
            catch (WeekendCulturel.Registration.Storage.StorageUnavailableException e)
            {
                Console.Error.WriteLine($"registrations: not synced, storage unavailable ({e.Message})");
            }
            catch (Exception e)
            {
                // The site is built and served; the registrations catch up with the next successful build.
                Console.Error.WriteLine($"registrations: not synced, {e.GetType().Name}: {e.Message}");
            }
        });

        try
        {
            await app.StartAsync();
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            Console.Error.WriteLine($"error: port {line.Port} is already in use; stop what uses it or choose another port with --port N");
            return 2;
        }

        Console.WriteLine($"registration storage: {registration.StorageDescription}");
        Console.WriteLine($"organisers' export: curl -H 'x-functions-key: {registration.AdminKey}' http://localhost:{line.Port}/api/admin/registrations");
        if (registration.InboxUrl is { } inbox)
        {
            Console.WriteLine($"e-mails sent: {inbox} (the mail catcher's inbox)");
        }
        else if (registration.MailRelay is { } relay)
        {
            Console.WriteLine($"e-mails sent through {relay} (Registration__Smtp__Host)");
        }

        Console.WriteLine($"serving {options.OutputDirectory} on http://localhost:{line.Port}/ (Ctrl+C to stop)");
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>
    /// The preview host: the registration API under /api (when given), the reload channel, the built site's
    /// files with the reload script in its pages, and the site's 404 pages for everything else.
    /// </summary>
    public static WebApplication CreateApp(string siteRoot, LiveReloadHub hub, int port, LocalRegistration? registration = null)
    {
        // The site is the content root: nothing is read from the working directory.
        Directory.CreateDirectory(siteRoot);
        var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = siteRoot });
        web.Logging.ClearProviders();
        web.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        web.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        web.Logging.AddFilter("WeekendCulturel", LogLevel.Information);
        web.WebHost.UseUrls($"http://localhost:{port}");

        // Open tabs hold a reload channel each; stopping should not wait for them to close.
        web.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        registration?.AddTo(web.Services);
        if (registration is not null)
        {
            // serve sends its own mail: the dispatcher and the sweeps run here, as background services.
            web.Services.AddInProcessMail();
        }

        var app = web.Build();

        app.UseMiddleware<HostingHeadersMiddleware>(siteRoot);
        app.UseMiddleware<ScriptInjectionMiddleware>(siteRoot);
        var files = new PhysicalFileProvider(siteRoot);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".ics"] = "text/calendar; charset=utf-8";
        types.Mappings[".xml"] = "application/xml; charset=utf-8";
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = static c => c.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.UseRouting();

        app.MapGet(LiveReloadHub.EventsPath, (HttpContext context) => hub.StreamAsync(context));
        app.MapGet(LiveReloadHub.ScriptPath, () => Results.Text(LiveReloadHub.Script, "text/javascript; charset=utf-8"));
        if (registration is not null)
        {
            app.MapRegistrationApi();
        }

        // Unknown addresses get the site's own 404 page, in English under /en/; the API answers its own.
        app.MapFallback(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            if (context.Request.Path.StartsWithSegments(ApiPaths.Root))
            {
                return;
            }

            var path = context.Request.Path.StartsWithSegments("/en") ? "en/404.html" : "404.html";
            context.Response.ContentType = "text/html; charset=utf-8";
            var file = Path.Combine(siteRoot, path);
            if (File.Exists(file))
            {
                await context.Response.SendFileAsync(file);
            }
        });
        return app;
    }
}
