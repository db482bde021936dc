using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Registration.Mail;

/// <summary>
/// Everything one e-mail says, gathered by the dispatcher when it sends: a template renders it and reads
/// nothing else. It holds the recipient's own data only (their first name, their masked address, their
/// sessions); every link is absolute and opens a page of the site whose button makes the change.
/// </summary>
/// <param name="Kind">Which message this is.</param>
/// <param name="Lang"><c>fr</c> or <c>en</c>.</param>
/// <param name="To">The recipient's address (only used as the envelope's recipient, never shown whole).</param>
/// <param name="FirstName">The recipient's first name; empty for the newsletter.</param>
/// <param name="MaskedEmail">The address as pages show it, <c>c•••@example.org</c>.</param>
/// <param name="Sessions">The sessions the message is about, in the booking's order; empty for the newsletter.</param>
/// <param name="Links">Where the buttons of the message lead.</param>
/// <param name="Deadline">Until when a hold or an offer is kept (the earliest of the sessions' <c>holdUntil</c>), if the message asks for a confirmation.</param>
/// <param name="Bookings">For <see cref="MessageKind.Recovery"/>: each booking of the address, with its page.</param>
public sealed record MailContent(
    MessageKind Kind,
    string Lang,
    string To,
    string FirstName,
    string MaskedEmail,
    IReadOnlyList<MailSession> Sessions,
    MailLinks Links,
    DateTimeOffset? Deadline = null,
    IReadOnlyList<MailBooking>? Bookings = null)
{
    /// <summary>The site's personal-data page, as a path of the site (<see cref="Domain.SitePages.PersonalData"/>): every footer links it.</summary>
    public required string PersonalDataPage { get; init; }
}

/// <summary>One session as an e-mail shows it, in the message's language.</summary>
/// <param name="Status">Held, confirmed, waitlisted, cancelled or expired.</param>
/// <param name="Position">1-based rank on the waiting list, when waitlisted.</param>
/// <param name="Until">For <c>held</c>: its <c>holdUntil</c>; for <c>waitlisted</c> from an unverified address: its <c>confirmBy</c>.</param>
/// <param name="GiveBackUrl">The page that gives this seat back (its button cancels), for a seat still held or confirmed.</param>
/// <param name="Calendar">The session's calendar file (the site's own <c>.ics</c>), attached to confirmations and reminders.</param>
public sealed record MailSession(
    string Id,
    string Title,
    DateTimeOffset Start,
    DateTimeOffset End,
    string PageUrl,
    OutcomeStatus Status,
    int? Position = null,
    DateTimeOffset? Until = null,
    string? GiveBackUrl = null,
    CalendarFile? Calendar = null);

/// <summary>Absolute links of the site that a message may show: each opens a page, none changes anything by being opened.</summary>
/// <param name="Booking">The booking page (see and cancel).</param>
/// <param name="Confirm">The confirm page (its button sends the code), when the message asks for a confirmation.</param>
/// <param name="NewsletterConfirm">The newsletter's confirm page.</param>
/// <param name="Unsubscribe">The newsletter's unsubscribe page.</param>
/// <param name="FindRegistrations">The site's "Find my registrations" form.</param>
public sealed record MailLinks(string? Booking = null, string? Confirm = null, string? NewsletterConfirm = null, string? Unsubscribe = null, string? FindRegistrations = null);

/// <summary>A booking listed by a recovery message: when it was made, its sessions' titles, and its page.</summary>
public sealed record MailBooking(DateTimeOffset CreatedAt, IReadOnlyList<string> SessionTitles, string Url);

/// <summary>A calendar file to attach: its name (<c>atelier-compar-ia.ics</c>) and its bytes (UTF-8 iCalendar).</summary>
public sealed record CalendarFile(string FileName, byte[] Content);

/// <summary>A message as rendered: its subject, its HTML and its plain-text alternative.</summary>
public sealed record RenderedMail(string Subject, string Html, string Text);

/// <summary>A message ready for the relay: rendered, addressed, with a stable <c>Message-ID</c> and its attachments.</summary>
/// <param name="MessageId">The same every time this message is sent (after a crash it may be sent twice, never as two different messages): <c>&lt;id@host&gt;</c> without the brackets.</param>
public sealed record OutgoingMail(string MessageId, string To, string Lang, RenderedMail Body, IReadOnlyList<CalendarFile> Attachments);

/// <summary>
/// The relay that delivers messages: SMTP (MailKit) on Azure and with the local mail catcher. A seam, since a
/// host may have none (serve without the catcher): messages then stay pending in the outbox.
/// </summary>
public interface IMailSender
{
    /// <summary>Whether messages can be sent at all; false keeps them pending.</summary>
    bool CanSend { get; }

    /// <summary>Hands one message to the relay; throws when the relay refused it or could not be reached.</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellation);

    /// <summary>
    /// Hands several messages to the relay in order (over one connection), calling <paramref name="sent"/> after
    /// each one it accepted; throws at the first failure, the messages before it sent and reported.
    /// </summary>
    Task SendAllAsync(IReadOnlyList<OutgoingMail> mails, Func<OutgoingMail, CancellationToken, Task> sent, CancellationToken cancellation);
}
