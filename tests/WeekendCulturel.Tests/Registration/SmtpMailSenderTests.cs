using System.Net.Sockets;
using System.Text;
using MimeKit;
using WeekendCulturel.Generator.Registration;
using WeekendCulturel.Registration;
using WeekendCulturel.Registration.Mail;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// The relay's sender against a real SMTP server (the mail catcher serve starts), read back as a mail client
/// would: both alternatives, the stable Message-ID, the calendar file, French text untouched; and every
/// failure of the relay thrown, so that the message stays pending.
/// </summary>
public sealed class SmtpMailSenderTests(MailCatcherFixture catcher) : IClassFixture<MailCatcherFixture>
{
    // Accents, a non-breaking space before the colon, guillemets with narrow no-break spaces, a typographic
    // apostrophe and an en dash: everything a French subject may hold.
    private const string Subject = "Confirmez votre place\u00a0: atelier «\u202fCompar:IA\u202f» – l’après-midi d’été";

    private static readonly byte[] Calendar = Encoding.UTF8.GetBytes(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Week-end culturel de l'IA//FR\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n" +
        "UID:atelier-compar-ia@weekend-culturel-ia\r\nDTSTAMP:20250201T090000Z\r\nDTSTART:20250208T090000Z\r\nDTEND:20250208T103000Z\r\n" +
        "SUMMARY:Atelier Compar:IA – modèles de langage\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");

    [Fact]
    public async Task A_message_arrives_with_text_then_html_its_message_id_its_language_and_its_calendar_file()
    {
        var to = Address();
        var mail = Mail(to, "fr", [new CalendarFile("atelier-compar-ia.ics", Calendar)]);

        await Sender(catcher.Smtp).SendAsync(mail, CancellationToken.None);

        var caught = await catcher.Inbox.WaitForAsync(to);
        Assert.Equal([to], caught.To);
        Assert.Equal(Subject, caught.Subject);
        Assert.Equal(mail.MessageId, caught.MessageId);
        Assert.Equal("fr", caught.Language);
        Assert.Equal("ne-pas-repondre@weekend-culturel-ia.culture.gouv.fr", Assert.Single(caught.Message.From.Mailboxes).Address);
        Assert.Equal(mail.Body.Html, caught.Html);
        Assert.Equal(mail.Body.Text, caught.Text);
        Assert.Equal(["https://weekend.example.org/api/registrations/t0k3n/confirm?code=123456&lang=fr", "https://weekend.example.org/inscription/retrouver/"], caught.Links);

        // multipart/mixed: the alternatives first (text, then the HTML a client prefers), then the file.
        var mixed = Assert.IsType<Multipart>(caught.Message.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.All(alternative, p => Assert.Equal("utf-8", p.ContentType.Charset));

        var file = Assert.Single(caught.Attachments);
        Assert.Equal("atelier-compar-ia.ics", file.FileName);
        Assert.Equal("text/calendar", file.ContentType.MimeType);
        Assert.Equal("PUBLISH", file.ContentType.Parameters["method"]);
        Assert.Equal("utf-8", file.ContentType.Charset);
        Assert.Equal(Calendar, file.Content);
    }

    [Fact]
    public async Task A_message_without_attachments_is_the_two_alternatives_alone_in_its_language()
    {
        var to = Address();

        await Sender(catcher.Smtp).SendAsync(Mail(to, "en", []), CancellationToken.None);

        var caught = await catcher.Inbox.WaitForAsync(to);
        Assert.IsType<MultipartAlternative>(caught.Message.Body);
        Assert.Empty(caught.Attachments);
        Assert.Equal("en", caught.Language);
        Assert.Equal("auto-generated", caught.Message.Headers["Auto-Submitted"]);
    }

    [Fact]
    public async Task Several_messages_sent_together_each_arrive_once_and_each_is_reported_sent_in_order()
    {
        var mails = Enumerable.Range(0, 3).Select(_ => Mail(Address(), "fr", [])).ToList();
        var reported = new List<string>();

        await Sender(catcher.Smtp).SendAllAsync(mails, (m, _) => { reported.Add(m.MessageId); return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(mails.Select(m => m.MessageId), reported);
        foreach (var mail in mails)
        {
            Assert.Equal(mail.MessageId, (await catcher.Inbox.WaitForAsync(mail.To)).MessageId);
            Assert.Single(await catcher.Inbox.AllToAsync(mail.To));
        }
    }

    [Fact]
    public async Task Without_a_host_it_cannot_send_and_says_so_when_asked_to()
    {
        var sender = Sender(new SmtpOptions());

        Assert.False(sender.CanSend);
        Assert.True(Sender(catcher.Smtp).CanSend);
        await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAsync(Mail(Address(), "fr", []), CancellationToken.None));
    }

    [Fact]
    public async Task A_password_still_an_unresolved_key_vault_reference_keeps_the_messages_unsent()
    {
        var to = Address();
        var sender = Sender(Changed(catcher.Smtp, o => (o.Username, o.Password) = ("DoNotReply@example.azurecomm.net", "@Microsoft.KeyVault(VaultName=kv-wc-prod;SecretName=registration-smtp-password)")));

        Assert.False(sender.CanSend);
        await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAsync(Mail(to, "fr", []), CancellationToken.None));
        Assert.Empty(await catcher.Inbox.AllToAsync(to));
    }

    [Fact]
    public async Task A_relay_that_is_down_throws()
    {
        var closed = AzuriteServer.FreePort();
        var to = Address();

        await Assert.ThrowsAnyAsync<SocketException>(() => Sender(new SmtpOptions { Host = "127.0.0.1", Port = closed, Security = SmtpSecurity.None }).SendAsync(Mail(to, "fr", []), CancellationToken.None));
    }

    [Fact]
    public async Task A_relay_that_refuses_the_connection_s_protection_or_the_credentials_throws_and_nothing_is_delivered()
    {
        var tls = Address();
        var startTls = Address();
        var credentials = Address();

        // The catcher speaks plain SMTP only: TLS from the first byte fails, it offers no STARTTLS (which a
        // relay on 587 must), and it takes no login.
        await Assert.ThrowsAsync<MailKit.Security.SslHandshakeException>(() => Sender(Changed(catcher.Smtp, o => o.Security = SmtpSecurity.SslOnConnect)).SendAsync(Mail(tls, "fr", []), CancellationToken.None));
        await Assert.ThrowsAsync<NotSupportedException>(() => Sender(Changed(catcher.Smtp, o => o.Security = SmtpSecurity.StartTls)).SendAsync(Mail(startTls, "fr", []), CancellationToken.None));
        await Assert.ThrowsAsync<NotSupportedException>(() => Sender(Changed(catcher.Smtp, o => (o.Username, o.Password) = ("weekend", "wrong"))).SendAsync(Mail(credentials, "fr", []), CancellationToken.None));

        // Had any been delivered after all, it would be listed by now: the good one sent after them is.
        var after = Address();
        await Sender(catcher.Smtp).SendAsync(Mail(after, "fr", []), CancellationToken.None);
        await catcher.Inbox.WaitForAsync(after);
        foreach (var refused in new[] { tls, startTls, credentials })
        {
            Assert.Empty(await catcher.Inbox.AllToAsync(refused));
        }
    }

    private static SmtpMailSender Sender(SmtpOptions smtp) => new(new RegistrationOptions { Smtp = smtp }, TimeProvider.System);

    private static SmtpOptions Changed(SmtpOptions smtp, Action<SmtpOptions> change)
    {
        change(smtp);
        return smtp;
    }

    private static string Address() => $"camille.{Guid.NewGuid():N}@example.org";

    private static OutgoingMail Mail(string to, string lang, IReadOnlyList<CalendarFile> attachments) => new(
        $"{Guid.NewGuid():N}@weekend-culturel-ia.culture.gouv.fr",
        to,
        lang,
        new RenderedMail(
            Subject,
            "<!DOCTYPE html>\n<html lang=\"fr\"><body><h1>Votre place est réservée</h1>\n" +
            "<p><a href=\"https://weekend.example.org/api/registrations/t0k3n/confirm?code=123456&amp;lang=fr\">Confirmer</a></p>\n" +
            "<p><a href=\"https://weekend.example.org/inscription/retrouver/\">Retrouver mes inscriptions</a></p></body></html>\n",
            "Votre place est réservée jusqu’à 10\u00a0h\u00a030.\nConfirmer\u00a0: https://weekend.example.org/api/registrations/t0k3n/confirm?code=123456&lang=fr\n"),
        attachments);
}
