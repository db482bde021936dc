using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WeekendCulturel.Generator.Cli;

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

        // A few builds that write nothing, spaced out so that the runtime's tiered JIT promotes the hot code to
        // its optimised version: the first rebuild after an edit is then as quick as the later ones.
        var rebuildGate = new SemaphoreSlim(1, 1);
        _ = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(150);
                await rebuildGate.WaitAsync();
                try
                {
                    builder.Rehearse(options);
                }
                finally
                {
                    rebuildGate.Release();
                }
            }
        });

        var siteRoot = Path.GetFullPath(options.OutputDirectory);
        var hub = new LiveReloadHub();
        var app = CreateApp(siteRoot, hub, line.Port);
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

                var result = builder.Build(options);
                ConsoleReport.Print(result, "rebuild", line.Quiet);
                if (result.Succeeded)
                {
                    hub.Reload();
                }
                else
                {
                    hub.Failed(result.Diagnostics.Select(d => d.ToString()));
                }
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

        Console.WriteLine($"serving {options.OutputDirectory} on http://localhost:{line.Port}/ (Ctrl+C to stop)");
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>The preview host: static files of the built site, the reload channel, and the 404 pages.</summary>
    public static WebApplication CreateApp(string siteRoot, LiveReloadHub hub, int port)
    {
        var web = WebApplication.CreateSlimBuilder();
        web.Logging.ClearProviders();
        web.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        web.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        web.WebHost.UseUrls($"http://localhost:{port}");

        // Open tabs hold a reload channel each; stopping should not wait for them to close.
        web.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var app = web.Build();

        // Plain branches rather than endpoints: the pipeline ends with the 404 handler, before any endpoint.
        app.Map(LiveReloadHub.EventsPath, branch => branch.Run(hub.StreamAsync));
        app.Map(LiveReloadHub.ScriptPath, branch => branch.Run(context =>
        {
            context.Response.ContentType = "text/javascript; charset=utf-8";
            return context.Response.WriteAsync(LiveReloadHub.Script);
        }));
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

        // Unknown addresses get the site's own 404 page, in English under /en/.
        app.Run(async context =>
        {
            var path = context.Request.Path.StartsWithSegments("/en") ? "en/404.html" : "404.html";
            context.Response.StatusCode = StatusCodes.Status404NotFound;
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
