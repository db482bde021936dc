using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WeekendCulturel.Generator.Rendering;

/// <summary>
/// Renders planned pages to HTML with ASP.NET Core's <see cref="HtmlRenderer"/>. The services are built once;
/// a renderer lives for one batch only, because it keeps every root component it rendered until disposed.
/// </summary>
public sealed class PageRenderer : IDisposable
{
    private readonly ServiceProvider _services;

    public PageRenderer()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));

        // The default encoder escapes every non-ASCII letter; French pages read better (and weigh less) as UTF-8.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        _services = services.BuildServiceProvider();
    }

    /// <summary>Renders every page, in as many parallel batches as there are cores.</summary>
    public IReadOnlyList<(PlannedPage Page, string Html)> RenderAll(IReadOnlyList<PlannedPage> pages)
    {
        var results = new (PlannedPage, string)[pages.Count];
        var batches = Math.Max(1, Math.Min(Environment.ProcessorCount, pages.Count / 8));
        Parallel.For(0, batches, batch =>
        {
            using var renderer = new HtmlRenderer(_services, NullLoggerFactory.Instance);
            for (var i = batch; i < pages.Count; i += batches)
            {
                results[i] = (pages[i], Render(renderer, pages[i]));
            }
        });
        return results;
    }

    private static string Render(HtmlRenderer renderer, PlannedPage page) =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync(page.Component, ParameterView.FromDictionary(new Dictionary<string, object?>(page.Parameters)));
            using var writer = new StringWriter();
            writer.Write("<!DOCTYPE html>\n");
            output.WriteHtmlTo(writer);
            return writer.ToString();
        }).GetAwaiter().GetResult();

    public void Dispose() => _services.Dispose();
}
