using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeekendCulturel.Registration.Mail.Templates;

namespace WeekendCulturel.Registration.Mail;

/// <summary>
/// Renders messages with the site's engine: the Razor templates of <c>Mail/Templates/</c> through
/// <see cref="HtmlRenderer"/> for the HTML, and the same composed message written as plain text. One instance
/// serves the whole process, from any thread.
/// </summary>
public sealed class MailRenderer : IAsyncDisposable
{
    // A renderer keeps every root component it rendered until it is disposed: after this many messages a
    // fresh one takes over, so a long-running dispatcher does not grow without end.
    private const int MessagesPerRenderer = 500;

    private readonly MailComposer _composer;
    private readonly ILoggerFactory _loggers;
    private readonly ServiceProvider _services;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HtmlRenderer _renderer;
    private int _rendered;

    /// <param name="siteUrl">The site's public address: the footer links to its personal-data page.</param>
    /// <param name="loggers">For the renderer's own errors.</param>
    public MailRenderer(Uri siteUrl, ILoggerFactory loggers)
    {
        if (!siteUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"the site's address must be absolute, not '{siteUrl}'", nameof(siteUrl));
        }

        _composer = new MailComposer(siteUrl);
        _loggers = loggers;
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddLogging();

        // The default encoder escapes every letter outside ASCII; French reads better (and weighs less) as UTF-8.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        _services = services.BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, loggers);
    }

    /// <summary>The message's subject, its HTML (a whole document) and its plain-text alternative.</summary>
    public async Task<RenderedMail> RenderAsync(MailContent content)
    {
        var message = _composer.Compose(content);
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MailDocument.Message)] = message });
        string html;
        await _gate.WaitAsync();
        try
        {
            if (++_rendered > MessagesPerRenderer)
            {
                await _renderer.DisposeAsync();
                _renderer = new HtmlRenderer(_services, _loggers);
                _rendered = 1;
            }

            html = await _renderer.Dispatcher.InvokeAsync(async () =>
            {
                // The templates must not depend on the machine's culture; dates are written by MailDates.
                CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
                var output = await _renderer.RenderComponentAsync<MailDocument>(parameters);
                var writer = new StringWriter(new StringBuilder("<!DOCTYPE html>\n"), CultureInfo.InvariantCulture);
                output.WriteHtmlTo(writer);
                return writer.ToString();
            });
        }
        finally
        {
            _gate.Release();
        }

        return new RenderedMail(message.Subject, html, PlainTextWriter.Write(message));
    }

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
        _gate.Dispose();
    }
}
