using System.Text;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Mail;

namespace WeekendCulturel.Tests.Support;

/// <summary>
/// One message of every kind, in each language, as the dispatcher would gather it: sessions of the real
/// programme, absolute links of the site, each link given only to the kinds that show it. Shared by the
/// template tests and the e-mails' screenshots (linked into the browser tests).
/// </summary>
public static class MailSamples
{
    public const string Site = "https://weekend-culturel-ia.culture.gouv.fr";
    public const string To = "camille.martin@example.org";
    public const string Masked = "c•••@example.org";
    public const string FirstName = "Camille";
    public const string Token = "Xy7kQp2mVr9sLt4wZb6nHc1dJf8gKa3e";

    public static readonly DateTimeOffset Deadline = DateTimeOffset.Parse("2025-02-01T10:30:00+01:00");

    public static IEnumerable<MessageKind> Kinds => Enum.GetValues<MessageKind>();

    public static TheoryData<MessageKind, string> Every
    {
        get
        {
            var data = new TheoryData<MessageKind, string>();
            foreach (var kind in Kinds)
            {
                data.Add(kind, "fr");
                data.Add(kind, "en");
            }

            return data;
        }
    }

    public static MailContent Content(MessageKind kind, string lang)
    {
        var en = lang == "en";
        var booking = $"{Site}/api/registrations/{Token}/page?lang={lang}";
        var confirm = $"{Site}/api/registrations/{Token}/confirm?code=Qw3rTy8uIo1pAs5dFg7hJk&lang={lang}";
        MailSession Session(string id, string fr, string english, string start, string end, OutcomeStatus status, int? position = null, DateTimeOffset? until = null, bool giveBack = false, bool calendar = false) => new(
            id,
            en ? english : fr,
            DateTimeOffset.Parse(start),
            DateTimeOffset.Parse(end),
            en ? $"{Site}/en/programme/{id}/" : $"{Site}/programme/{id}/",
            status,
            position,
            until,
            giveBack ? $"{Site}/api/registrations/{Token}/sessions/{id}/give-back?lang={lang}" : null,
            calendar ? new CalendarFile(id + ".ics", Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")) : null);

        MailSession Comparia(OutcomeStatus status, int? position = null, DateTimeOffset? until = null, bool giveBack = false, bool calendar = false) => Session(
            "atelier-compar-ia", "Atelier Compar:IA\u00a0: comparer deux IA à l’aveugle", "Compar:IA workshop: compare two AIs blind",
            "2025-02-08T10:30:00+01:00", "2025-02-08T11:30:00+01:00", status, position, until, giveBack, calendar);
        MailSession Creating(OutcomeStatus status, int? position = null, DateTimeOffset? until = null, bool giveBack = false, bool calendar = false) => Session(
            "atelier-creer-avec-ia", "Atelier\u00a0: créer avec l’IA", "Workshop: creating with AI",
            "2025-02-08T14:00:00+01:00", "2025-02-08T15:30:00+01:00", status, position, until, giveBack, calendar);
        MailSession Exhibition(OutcomeStatus status, int? position = null, DateTimeOffset? until = null, bool giveBack = false, bool calendar = false) => Session(
            "exposition-machina-sapiens-11h", "Exposition «\u00a0Machina sapiens\u00a0» – entrée de 11\u00a0h", "“Machina sapiens” exhibition – entry at 11 am",
            "2025-02-09T11:00:00+01:00", "2025-02-09T12:00:00+01:00", status, position, until, giveBack, calendar);

        MailContent Of(IReadOnlyList<MailSession> sessions, MailLinks links, DateTimeOffset? deadline = null, IReadOnlyList<MailBooking>? bookings = null, string firstName = FirstName) =>
            new(kind, lang, To, firstName, Masked, sessions, links, deadline, bookings) { PersonalDataPage = en ? "/en/personal-data/" : "/donnees-personnelles/" };

        return kind switch
        {
            MessageKind.ConfirmRequest => Of(
                [Comparia(OutcomeStatus.Held, until: Deadline, giveBack: true), Creating(OutcomeStatus.Held, until: Deadline, giveBack: true), Exhibition(OutcomeStatus.Waitlisted, position: 3, until: Deadline)],
                new MailLinks(Booking: booking, Confirm: confirm),
                Deadline),
            MessageKind.Confirmed => Of([Comparia(OutcomeStatus.Confirmed, giveBack: true, calendar: true), Creating(OutcomeStatus.Confirmed, giveBack: true, calendar: true)], new MailLinks(Booking: booking)),
            MessageKind.Waitlisted => Of([Exhibition(OutcomeStatus.Waitlisted, position: 2)], new MailLinks(Booking: booking)),
            MessageKind.Offer => Of([Exhibition(OutcomeStatus.Held, until: DateTimeOffset.Parse("2025-02-08T22:00:00+01:00"), giveBack: true)], new MailLinks(Booking: booking, Confirm: confirm), DateTimeOffset.Parse("2025-02-08T22:00:00+01:00")),
            MessageKind.OfferExpired => Of([Exhibition(OutcomeStatus.Expired)], new MailLinks(Booking: booking)),
            MessageKind.HoldExpired => Of([Comparia(OutcomeStatus.Expired), Creating(OutcomeStatus.Expired)], new MailLinks()),
            MessageKind.Cancelled => Of([Creating(OutcomeStatus.Cancelled)], new MailLinks(Booking: booking)),
            MessageKind.Reminder => Of([Comparia(OutcomeStatus.Confirmed, giveBack: true, calendar: true)], new MailLinks(Booking: booking)),
            MessageKind.Recovery => Of(
                [],
                new MailLinks(),
                bookings:
                [
                    new MailBooking(DateTimeOffset.Parse("2025-01-21T09:12:00+01:00"), [Comparia(OutcomeStatus.Confirmed).Title, Creating(OutcomeStatus.Confirmed).Title], booking),
                    new MailBooking(DateTimeOffset.Parse("2025-01-28T18:40:00+01:00"), [Exhibition(OutcomeStatus.Waitlisted).Title], $"{Site}/api/registrations/Lm4nBv6cXz8aSd2fGh5jKq9wEr3tYu7i/page?lang={lang}"),
                ]),
            MessageKind.AlreadyRegistered => Of([Comparia(OutcomeStatus.Confirmed, giveBack: true)], new MailLinks(Booking: booking)),
            MessageKind.NewsletterConfirm => Of(
                [],
                new MailLinks(
                    NewsletterConfirm: $"{Site}/api/newsletter/confirm?token=Pn5bVc7xZa9sDf2gHj4kLq6wEr8tYu1i&lang={lang}",
                    Unsubscribe: $"{Site}/api/newsletter/unsubscribe?token=Pn5bVc7xZa9sDf2gHj4kLq6wEr8tYu1i&lang={lang}"),
                firstName: ""),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>Every link a content gives: the message must show each of them, and no other but the footer's.</summary>
    public static IReadOnlyList<string> LinksOf(MailContent content) =>
    [
        .. new[] { content.Links.Booking, content.Links.Confirm, content.Links.NewsletterConfirm, content.Links.Unsubscribe, content.Links.FindRegistrations }.OfType<string>(),
        .. content.Sessions.SelectMany(s => new[] { s.PageUrl, s.GiveBackUrl }).OfType<string>(),
        .. (content.Bookings ?? []).Select(b => b.Url),
    ];
}
