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

namespace WeekendCulturel.Generator.Serve;

/// <summary>
/// <c>serve</c>: builds the site, serves the output folder on localhost, rebuilds when content or theme files
/// change and reloads the open tabs. Three small pieces do the work: a debounced watcher, a reload hub and a
/// script-injection middleware.
/// </summary>
public static class PreviewServer
{
    public static async Task<int> RunAsync(SiteBuilder builder, BuildOptions options, CommandLine line)
    {
        var first = builder.Build(options);
        ConsoleReport.Print(first, "build", line.Quiet);
        if (!first.Succeeded && !Directory.Exists(options.OutputDirectory))
        {
            Console.Error.WriteLine("serve: the content has errors and there is no earlier build to show; fix them and start again.");
            return 1;
        }

        await using var registration = await LocalRegistration.StartForAsync("serve", line.Storage, line.Now, Path.GetFullPath(".data"), new Uri($"http://localhost:{line.Port}/"));
        if (registration is null)
        {
            return 1;
        }


        // A few builds that write nothing, spaced out so that the runtime's tiered JIT promotes the hot code to
        // its optimised version: the first rebuild after an edit is then as quick as the later ones. A large
        // site rehearses only the fast path of an edited session: a whole rehearsal would cost seconds.
        var rebuildGate = new SemaphoreSlim(1, 1);
        _ = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(150);
                await rebuildGate.WaitAsync();
                try
                {
                    if (first.Pages <= 1000)
                    {
                        builder.Rehearse(options);
                    }
                    else
                    {
                        builder.RehearseIncremental(options);
                    }
                }
                finally
                {
                    rebuildGate.Release();
                }
            }
        });

        var siteRoot = Path.GetFullPath(options.OutputDirectory);
        var hub = new LiveReloadHub();
        var app = CreateApp(siteRoot, hub, line.Port, registration);
        string? syncedManifest = null;
        async Task SyncAsync(BuildResult result)
        {
            if (!result.Succeeded || result.Manifest == syncedManifest)
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

            syncedManifest = result.Manifest;
        }

        try
        {
            await SyncAsync(first);
        }
        catch (WeekendCulturel.Registration.Storage.StorageUnavailableException e)
        {
            Console.Error.WriteLine($"error: registration storage is unavailable ({e.Message}); check --storage or Registration__StorageConnectionString");
            return 1;
        }

        var theme = Assets.ThemeFiles.Default();
        using var watcher = new ContentWatcher([Path.GetFullPath(options.ContentDirectory), theme.Directory], TimeSpan.FromMilliseconds(60), changed =>
        {
            rebuildGate.Wait();
            try
            {
                if (changed.Any(c => c.EndsWith(".razor", StringComparison.Ordinal) || c.EndsWith(".cs", StringComparison.Ordinal)))
                {
                    Console.WriteLine("serve: a theme component changed; components are compiled, so restart serve to see it.");
                }

                IncrementalTiming? early = null;
                var result = builder.Rebuild(options, changed, timing =>
                {
                    // The edited sessions' pages are on disk: their tabs reload now, the lists follow.
                    early = timing;
                    hub.Reload(timing.Files);
                    if (!line.Quiet)
                    {
                        Console.WriteLine($"rebuild: {string.Join(", ", timing.Sessions)} on disk in {timing.SessionPagesWritten.TotalMilliseconds:0} ms");
                    }
                });
                ConsoleReport.Print(result, "rebuild", line.Quiet);
                if (result.Succeeded)
                {
                    if (early is null)
                    {
                        hub.Reload();
                    }
                    else
                    {
                        hub.Reload(result.Files.Select(f => f.Path).Except(early.Files));
                    }

                    SyncAsync(result).GetAwaiter().GetResult();
                }
                else
                {
                    hub.Failed(result.Diagnostics.Select(d => d.ToString()));
                }
            }
            catch (WeekendCulturel.Registration.Storage.StorageUnavailableException e)
            {
                Console.Error.WriteLine($"registrations: not synced, storage unavailable ({e.Message})");
            }
            finally
            {
                rebuildGate.Release();
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
            if (context.Request.Path.StartsWithSegments("/api"))
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
