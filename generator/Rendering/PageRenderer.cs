using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Rendering;

/// <summary>One rendered page, as the UTF-8 bytes it will be written as.</summary>
public sealed record RenderedPage(PlannedPage Page, byte[] Html)
{
    public string Text => Encoding.UTF8.GetString(Html);
}

/// <summary>What a render pass made: the pages in plan order, and what they contain.</summary>
public sealed record RenderedSite(IReadOnlyList<RenderedPage> Pages, HtmlFacts Facts);

/// <summary>
/// Renders planned pages to HTML with ASP.NET Core's <see cref="HtmlRenderer"/>. The services are built once;
/// a renderer lives for one batch only, or until a large page, because it keeps every root component it
/// rendered until disposed.
/// Pages are written straight into UTF-8 (half the memory of .NET strings, and what goes to disk anyway).
/// </summary>
public sealed class PageRenderer : IDisposable
{
    // A renderer holds on to every component it rendered: past this many pages a fresh one is cheaper.
    private const int PagesPerRenderer = 256;

    // Past this many bytes of HTML a page is worth a fresh renderer of its own (see RenderAll).
    private const int LargePage = 256 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

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

    /// <summary>Renders every page, on every core, in chunks small enough to keep each renderer lean.</summary>
    /// <param name="sink">
    /// Takes the pages it wants as soon as they are rendered (true when taken): those are not kept in memory.
    /// </param>
    public RenderedSite RenderAll(IReadOnlyList<PlannedPage> pages, Func<PlannedPage, byte[], bool>? sink = null)
    {
        var results = new RenderedPage[pages.Count];
        var facts = new HtmlFacts();
        var chunks = (pages.Count + PagesPerRenderer - 1) / PagesPerRenderer;
        Parallel.For(
            0,
            chunks,
            () => new HtmlFacts(),
            (chunk, _, local) =>
            {
                var target = new RenderTarget(_services);
                try
                {
                    var end = Math.Min(pages.Count, (chunk + 1) * PagesPerRenderer);
                    for (var i = chunk * PagesPerRenderer; i < end; i++)
                    {
                        var html = target.Render(pages[i]);
                        local.Scan(html);
                        results[i] = new RenderedPage(pages[i], sink?.Invoke(pages[i], html) == true ? [] : html);
                        if (html.Length > LargePage)
                        {
                            // The renderer would keep this page's components, and the buffer its size, until
                            // the chunk ends; a large site's programme, speakers and registration pages then
                            // all waited in memory together.
                            target.Dispose();
                            target = new RenderTarget(_services);
                        }
                    }
                }
                finally
                {
                    target.Dispose();
                }

                return local;
            },
            local =>
            {
                lock (facts)
                {
                    facts.Add(local);
                }
            });
        return new RenderedSite(results, facts);
    }

    /// <summary>A renderer with the buffer and writer its pages go through, used by one thread at a time.</summary>
    private sealed class RenderTarget : IDisposable
    {
        private readonly HtmlRenderer _renderer;
        private readonly MemoryStream _buffer = new(64 * 1024);
        private readonly StreamWriter _writer;

        public RenderTarget(IServiceProvider services)
        {
            _renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
            _writer = new StreamWriter(_buffer, Utf8, bufferSize: 16 * 1024, leaveOpen: true);
        }

        public byte[] Render(PlannedPage page)
        {
            _buffer.SetLength(0);
            _renderer.Dispatcher.InvokeAsync(async () =>
            {
                // The templates write machine formats (datetime="yyyy-MM-dd", numbers) without naming a culture,
                // and words through each language's own culture: the machine's culture must not come into it
                // (a Thai machine counts years from 543 BC). Set inside this async call, it ends with it.
                CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
                var parameters = page.JsonLd is { } jsonLd ? page.Parameters with { Meta = page.Parameters.Meta with { JsonLd = jsonLd() } } : page.Parameters;
                var output = await _renderer.RenderComponentAsync(page.Component, ParameterView.FromDictionary(parameters.ByName()));
                _writer.Write("<!DOCTYPE html>\n");
                output.WriteHtmlTo(_writer);
                _writer.Flush();
            }).GetAwaiter().GetResult();
            return _buffer.ToArray();
        }

        public void Dispose()
        {
            _writer.Dispose();
            _buffer.Dispose();
            _renderer.Dispose();
        }
    }

    public void Dispose() => _services.Dispose();
}
