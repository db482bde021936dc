using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using MimeKit;

namespace WeekendCulturel.Tests.Support;

/// <summary>
/// What a <see cref="Generator.Registration.MailCatcher"/> caught, read through its HTTP API: the list from
/// <c>api/email</c>, each message from its raw source (<c>api/email/{id}/source</c>) parsed with MimeKit, so
/// that a test sees the message as a mail client would, headers and encodings included.
/// </summary>
/// <example>
/// <code>
/// var mail = await inbox.WaitForAsync("camille.1@example.org", m => m.Subject.Contains("Confirmez"));
/// var confirm = Assert.Single(mail.Links, l => l.Contains("/confirm?"));
/// </code>
/// </example>
public sealed class CaughtMails(Uri inboxUrl) : IDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = new() { BaseAddress = inboxUrl, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Every message caught, oldest first: its id, recipients, subject and arrival.</summary>
    public async Task<IReadOnlyList<CaughtSummary>> ListAsync(CancellationToken cancellation = default)
    {
        var listed = await _http.GetFromJsonAsync<List<Listed>>("api/email", Json, cancellation) ?? [];
        return listed
            .Select(m => new CaughtSummary(m.Id, m.To.Select(a => a.Address).ToList(), m.Subject ?? "", m.Time))
            .OrderBy(m => m.Time)
            .ToList();
    }

    /// <summary>One message, whole.</summary>
    public async Task<CaughtMail> ReadAsync(string id, CancellationToken cancellation = default)
    {
        await using var source = await _http.GetStreamAsync($"api/email/{Uri.EscapeDataString(id)}/source", cancellation);
        var message = await MimeMessage.LoadAsync(source, cancellation);
        var attachments = new List<CaughtAttachment>();
        foreach (var part in message.Attachments.OfType<MimePart>())
        {
            using var bytes = new MemoryStream();
            if (part.Content is { } content)
            {
                await content.DecodeToAsync(bytes, cancellation);
            }

            attachments.Add(new CaughtAttachment(part.FileName ?? "", part.ContentType, bytes.ToArray()));
        }

        return new CaughtMail(
            id,
            message.To.Mailboxes.Select(m => m.Address).ToList(),
            message.Subject ?? "",
            message.MessageId,
            message.Body?.Headers[HeaderId.ContentLanguage] ?? message.Headers[HeaderId.ContentLanguage],
            message.HtmlBody,
            message.TextBody,
            attachments,
            LinksIn(message.HtmlBody),
            message);
    }

    /// <summary>
    /// The oldest message to <paramref name="to"/> (and matching <paramref name="where"/>, when given) caught so
    /// far, waiting for it up to <paramref name="wait"/> (<see cref="DefaultWait"/>); fails listing what did arrive.
    /// </summary>
    public async Task<CaughtMail> WaitForAsync(string to, Func<CaughtMail, bool>? where = null, TimeSpan? wait = null)
    {
        var deadline = DateTime.UtcNow + (wait ?? DefaultWait);
        var seen = new Dictionary<string, CaughtMail>();
        while (true)
        {
            var listed = await ListAsync();
            foreach (var summary in listed.Where(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase)))
            {
                if (!seen.TryGetValue(summary.Id, out var mail))
                {
                    mail = await ReadAsync(summary.Id);
                    seen[summary.Id] = mail;
                }

                if (where is null || where(mail))
                {
                    return mail;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                var caught = listed.Count == 0 ? "nothing" : string.Join("; ", listed.Select(m => $"'{m.Subject}' to {string.Join(", ", m.To)}"));
                throw new TimeoutException($"no message to {to}{(where is null ? "" : " matching the condition")} within {(wait ?? DefaultWait).TotalSeconds} s; caught: {caught}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Every message to <paramref name="to"/> caught so far, oldest first, without waiting.</summary>
    public async Task<IReadOnlyList<CaughtMail>> AllToAsync(string to)
    {
        var mails = new List<CaughtMail>();
        foreach (var summary in (await ListAsync()).Where(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase)))
        {
            mails.Add(await ReadAsync(summary.Id));
        }

        return mails;
    }

    /// <summary>The addresses of the HTML's links (<c>a href</c>), in the order they appear, entities decoded.</summary>
    public static IReadOnlyList<string> LinksIn(string? html) =>
        html is null
            ? []
            : new HtmlParser().ParseDocument(html).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();

    public void Dispose() => _http.Dispose();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Listed(string Id, DateTimeOffset Time, string? Subject, List<ListedAddress> To);

    private sealed record ListedAddress(string Address);
}

/// <summary>A message as the catcher lists it.</summary>
public sealed record CaughtSummary(string Id, IReadOnlyList<string> To, string Subject, DateTimeOffset Time);

/// <summary>
/// A caught message: its recipients, decoded subject, <c>Message-ID</c> (without brackets), <c>Content-Language</c>,
/// HTML and text alternatives, attachments, and the links of its HTML; <see cref="Message"/> for anything else.
/// </summary>
public sealed record CaughtMail(
    string Id,
    IReadOnlyList<string> To,
    string Subject,
    string? MessageId,
    string? Language,
    string? Html,
    string? Text,
    IReadOnlyList<CaughtAttachment> Attachments,
    IReadOnlyList<string> Links,
    MimeMessage Message);

/// <summary>An attachment: its file name, its content type (with parameters such as <c>method</c> and <c>charset</c>) and its decoded bytes.</summary>
public sealed record CaughtAttachment(string FileName, ContentType ContentType, byte[] Content);
