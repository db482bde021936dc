using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using WeekendCulturel.Contract;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Http;
using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Registration.Mail;

/// <summary>
/// Sends the messages of the outbox and marks them sent. Rows of one booking (or one address) and one kind
/// that are sent together become one e-mail: a booking of three sessions gets one confirmation request, not
/// three. What an e-mail says is read when it is sent (the booking's state then, its links derived from its
/// secrets), so nothing secret is ever stored with a message.
/// </summary>
/// <remarks>
/// A row is marked sent after the relay took its message. A process that dies between the two sends it again
/// at the next sweep, with the same <c>Message-ID</c> (made from the rows' keys), so a mail client shows it
/// once. A relay that refuses or cannot be reached leaves the rows pending for the next sweep.
/// </remarks>
public sealed class MailDispatcher(RegistrationStore store, RegistrationService service, BookingSecrets secrets, NewsletterTokens newsletter, MailRenderer renderer, IMailSender sender, RegistrationOptions options, TimeProvider clock, ILogger<MailDispatcher> logger)
{
    /// <summary>A pending row older than this was missed by its nudge (the process died, the relay was down): the sweep sends it.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>Sends the messages at these addresses that are still pending; returns how many e-mails went.</summary>
    public async Task<int> DispatchAsync(IReadOnlyList<OutboxAddress> addresses, CancellationToken cancellation = default) =>
        addresses.Count == 0 || !sender.CanSend ? 0 : await SendAsync(() => store.Outbox.PendingAtAsync(addresses, cancellation), cancellation);

    /// <summary>
    /// Sends every message still pending a while after it was written (<see cref="StaleAfter"/>), or every
    /// pending message at all with <paramref name="all"/>: what a process starting up does, since no nudge of
    /// its own can be on its way. Returns how many e-mails went.
    /// </summary>
    public async Task<int> SweepAsync(bool all = false, CancellationToken cancellation = default) =>
        !sender.CanSend ? 0 : await SendAsync(() => store.Outbox.PendingBeforeAsync(all ? DateTimeOffset.MaxValue : clock.GetUtcNow() - StaleAfter, cancellation), cancellation);

    private async Task<int> SendAsync(Func<Task<IReadOnlyList<OutboxEntity>>> pending, CancellationToken cancellation)
    {
        var sent = 0;

        // One dispatch at a time in a process, each reading what is pending once the one before has marked
        // what it sent: a nudge and a sweep must not send the same rows twice.
        await _one.WaitAsync(cancellation);
        try
        {
            var rows = await pending();
            var composed = new List<(OutgoingMail Mail, IReadOnlyList<OutboxEntity> Rows)>();
            foreach (var group in rows.GroupBy(r => (r.Kind, Subject: r.BookingId.Length > 0 ? r.BookingId : r.EmailHash)))
            {
                var messages = group.OrderBy(r => r.CreatedAt).ToList();
                try
                {
                    if (await ComposeAsync(messages, cancellation) is { } mail)
                    {
                        composed.Add((mail, messages));
                    }
                    else
                    {
                        // Nothing left to say (confirmed, cancelled or deleted since): done without an e-mail.
                        await store.Outbox.MarkSentAsync(messages, clock.GetUtcNow(), cancellation);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Kept pending: the next sweep tries again. (No address in the log.)
                    logger.LogWarning("message {Kind} not composed, kept for the next sweep: {Reason}", group.Key.Kind, e.Message);
                }
            }

            // One connection to the relay for all of them; those the relay took are then marked sent, a
            // transaction per partition. A process that dies in between sends them again, with the same Message-ID.
            var byMail = composed.ToDictionary(c => c.Mail.MessageId, c => c.Rows, StringComparer.Ordinal);
            var done = new List<OutboxEntity>();
            try
            {
                await sender.SendAllAsync([.. composed.Select(c => c.Mail)], (mail, _) =>
                {
                    sent++;
                    done.AddRange(byMail[mail.MessageId]);
                    return Task.CompletedTask;
                }, cancellation);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("{Count} messages not sent, kept for the next sweep: {Reason}", composed.Count - sent, e.Message);
            }

            await store.Outbox.MarkSentAsync(done, clock.GetUtcNow(), CancellationToken.None);
        }
        finally
        {
            _one.Release();
        }

        return sent;
    }

    /// <summary>The e-mail that rows of one kind and one booking (or address) owe; null when there is nothing left to say.</summary>
    internal async Task<OutgoingMail?> ComposeAsync(IReadOnlyList<OutboxEntity> rows, CancellationToken cancellation)
    {
        if (await ContentAsync(rows, cancellation) is not { } content)
        {
            return null;
        }

        var body = await renderer.RenderAsync(content);
        var attachments = content.Sessions.Select(s => s.Calendar).OfType<CalendarFile>().ToList();
        return new OutgoingMail(MessageIdOf(rows), content.To, content.Lang, body, attachments);
    }

    /// <summary>What the rows' e-mail says, read now.</summary>
    internal async Task<MailContent?> ContentAsync(IReadOnlyList<OutboxEntity> rows, CancellationToken cancellation)
    {
        var first = rows[0];
        var kind = Enum.Parse<MessageKind>(first.Kind);
        var lang = first.Lang == "en" ? "en" : "fr";
        var pages = await service.PagesAsync(lang, cancellation);
        var links = new MailLinks(FindRegistrations: Link(pages.FindRegistrations));
        switch (kind)
        {
            case MessageKind.NewsletterConfirm:
                return new MailContent(kind, lang, first.Email, "", EmailIdentity.Mask(first.Email), [], links with
                {
                    NewsletterConfirm = Link($"{ApiPaths.NewsletterConfirm}?token={newsletter.For(first.EmailHash, NewsletterAction.Confirm)}&lang={lang}"),
                    Unsubscribe = Link($"{ApiPaths.NewsletterUnsubscribe}?token={newsletter.For(first.EmailHash, NewsletterAction.Unsubscribe)}&lang={lang}"),
                }) { PersonalDataPage = pages.PersonalData };
            case MessageKind.Recovery:
                return await RecoveryAsync(first, lang, links, pages, cancellation);
        }

        var token = secrets.TokenFor(first.BookingId);
        if (await service.BookingAsync(token, first.EmailHash, cancellation) is not { } booking)
        {
            // Deleted since (the retention purge): nobody to tell.
            return null;
        }

        var sessions = await service.SessionsAsync(cancellation);
        var about = rows.Select(r => r.Session).Where(s => s.Length > 0).ToHashSet(StringComparer.Ordinal);
        var results = kind == MessageKind.ConfirmRequest
            // What still waits for the confirmation, whichever session's row asked: the request may have taken several.
            ? booking.Results.Where(r => r.HoldUntil is not null || r.ConfirmBy is not null).ToList()
            : booking.Results.Where(r => about.Contains(r.Session)).ToList();
        if (results.Count == 0)
        {
            // Confirmed, cancelled or expired since: what the message would ask is no longer asked.
            return null;
        }

        var bookingPage = Link(ApiPaths.BookingPage(token, lang));
        var asksConfirmation = kind is MessageKind.ConfirmRequest or MessageKind.Offer;
        var listed = results.Select(r =>
        {
            var session = sessions.GetValueOrDefault(r.Session);
            var giveBack = r.HasSeat ? Link($"{ApiPaths.GiveBack(token, r.Session)}?lang={lang}") : null;
            var calendar = kind is MessageKind.Confirmed or MessageKind.Reminder && r.Status == OutcomeStatus.Confirmed && session is not null ? session.CalendarFileFor(lang) : null;
            return new MailSession(r.Session, session?.Title(lang) ?? r.Session, session?.Start ?? default, session?.End ?? default, session is null ? bookingPage : Link(session.Links.Page(lang)), r.Status, r.Position, r.HoldUntil ?? r.ConfirmBy, giveBack, calendar);
        }).ToList();
        return new MailContent(kind, lang, first.Email, booking.FirstName, booking.MaskedEmail, listed, links with
        {
            Booking = bookingPage,
            Confirm = asksConfirmation ? Link($"{ApiPaths.Confirm(token)}?code={secrets.CodeFor(first.BookingId)}&lang={lang}") : null,
        }, asksConfirmation ? listed.Select(s => s.Until).Where(u => u is not null).Min() : null) { PersonalDataPage = pages.PersonalData };
    }

    private async Task<MailContent?> RecoveryAsync(OutboxEntity row, string lang, MailLinks links, SitePages pages, CancellationToken cancellation)
    {
        var sessions = await service.SessionsAsync(cancellation);
        var listed = new List<MailBooking>();
        var firstName = "";
        foreach (var booking in await store.Bookings.BookingsOfAsync(row.EmailHash, cancellation))
        {
            var token = secrets.TokenFor(booking.BookingId);
            // The booking in hand: what it holds now, without finding it again.
            var view = await service.ViewAsync(booking, cancellation);
            var held = view.Results.Where(r => r.IsRegistered).Select(r => sessions.GetValueOrDefault(r.Session)?.Title(lang) ?? r.Session).ToList();
            if (held.Count > 0)
            {
                listed.Add(new MailBooking(booking.CreatedAt, held, Link(ApiPaths.BookingPage(token, lang))));
                firstName = booking.FirstName;
            }
        }

        // An address without bookings gets nothing: the request's answer said nothing either way.
        return listed.Count == 0 ? null : new MailContent(MessageKind.Recovery, lang, row.Email, firstName, EmailIdentity.Mask(row.Email), [], links, Bookings: listed) { PersonalDataPage = pages.PersonalData };
    }

    /// <summary>An absolute address of the site: e-mails are read far from it.</summary>
    private string Link(string path) => options.SiteUrl is { } site ? new Uri(site, path).AbsoluteUri : path;

    /// <summary>
    /// The same rows give the same Message-ID, however often they are sent (<see cref="OutboxRows.IdentityOf"/>);
    /// no other table gives it again, or a mail store that has seen it may drop the message.
    /// </summary>
    private string MessageIdOf(IEnumerable<OutboxEntity> rows)
    {
        var keys = string.Join('\n', rows.Select(OutboxRows.IdentityOf).Order(StringComparer.Ordinal));
        var domain = MimeKit.MailboxAddress.TryParse(options.MailFrom, out var from) && from.Domain is { Length: > 0 } d ? d : "localhost";
        return $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(keys)).AsSpan(0, 16))}@{domain}";
    }
}
