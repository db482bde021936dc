using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace WeekendCulturel.Registration.Mail;

/// <summary>
/// Hands messages to an SMTP relay with MailKit: the local mail catcher, Azure Communication Services' relay or
/// the ministry's own, as <see cref="RegistrationOptions.Smtp"/> says. Every failure throws, so that the
/// dispatcher keeps the message pending and tries again later.
/// </summary>
public sealed class SmtpMailSender(RegistrationOptions options, TimeProvider clock) : IMailSender
{
    // A relay that accepts the connection and then says nothing must not hold the dispatcher for MailKit's
    // default two minutes per command.
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A relay is set, and its password is not a Key Vault reference the platform left unresolved (on Azure, until
    /// the one-time step of docs/deploy.md puts the secret in the vault): the messages then wait, unsent.
    /// </summary>
    public bool CanSend => !string.IsNullOrWhiteSpace(options.Smtp.Host)
        && options.Smtp.Password?.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) != true;

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellation) =>
        SendAllAsync([mail], static (_, _) => Task.CompletedTask, cancellation);

    /// <summary>
    /// Sends <paramref name="mails"/> in order over one connection, calling <paramref name="sent"/> after each
    /// message the relay accepted. Stops and throws at the first failure: the messages before it were sent
    /// (and reported), the one that failed and those after it were not.
    /// </summary>
    public async Task SendAllAsync(IReadOnlyList<OutgoingMail> mails, Func<OutgoingMail, CancellationToken, Task> sent, CancellationToken cancellation)
    {
        var smtp = options.Smtp;
        if (!CanSend || smtp.Host is null)
        {
            throw new InvalidOperationException($"no SMTP relay is ready ({RegistrationOptions.Section}:Smtp:Host unset, or its password an unresolved Key Vault reference)");
        }

        if (mails.Count == 0)
        {
            return;
        }

        var from = MailboxAddress.Parse(options.MailFrom);
        using var client = new SmtpClient { Timeout = (int)CommandTimeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, SocketOptions(smtp.Security), cancellation);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellation);
        }

        foreach (var mail in mails)
        {
            using var message = Compose(mail, from, clock.GetUtcNow());
            await client.SendAsync(message, cancellation);
            await sent(mail, cancellation);
        }

        await client.DisconnectAsync(quit: true, cancellation);
    }

    /// <summary>
    /// The message as it goes out: text then HTML as alternatives (clients show the last they can), and the
    /// calendar files beside them in a multipart/mixed when there are any.
    /// </summary>
    internal static MimeMessage Compose(OutgoingMail mail, MailboxAddress from, DateTimeOffset date)
    {
        var text = new TextPart("plain");
        text.SetText(Encoding.UTF8, mail.Body.Text);
        var html = new TextPart("html");
        html.SetText(Encoding.UTF8, mail.Body.Html);
        MimeEntity body = new MultipartAlternative { text, html };
        if (mail.Attachments.Count > 0)
        {
            var mixed = new Multipart("mixed") { body };
            foreach (var file in mail.Attachments)
            {
                mixed.Add(CalendarPart(file));
            }

            body = mixed;
        }

        // A Content-* header of the message is its top entity's in MimeKit's model, and is written with the rest.
        body.Headers.Add(HeaderId.ContentLanguage, mail.Lang);
        var message = new MimeMessage
        {
            // The same identifier on every attempt: a message sent twice after a crash is one message to the
            // reader's client, not two.
            MessageId = mail.MessageId,
            Date = date,
            Subject = mail.Body.Subject,
            Body = body,
        };
        message.From.Add(from);
        message.To.Add(new MailboxAddress("", mail.To));

        // RFC 3834: no holiday auto-reply should answer a message that no one reads.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    private static MimePart CalendarPart(CalendarFile file)
    {
        var type = new ContentType("text", "calendar") { Charset = "utf-8" };
        type.Parameters.Add("method", "PUBLISH");
        return new MimePart(type)
        {
            Content = new MimeContent(new MemoryStream(file.Content, writable: false)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = file.FileName },

            // iCalendar lines end in CRLF and may be long: base64 carries them untouched through any relay.
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = file.FileName,
        };
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, null),
    };
}
