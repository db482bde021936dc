using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Registration.Mail;

/// <summary>
/// What each message says, in French and English side by side: from a <see cref="MailContent"/> to a
/// <see cref="MailMessage"/> that the HTML template and the plain-text writer render. It shows only the
/// recipient's own data (first name, masked address, their sessions), and every link is one the content
/// gives: a page of the site.
/// </summary>
public sealed class MailComposer(Uri siteUrl)
{
    // The site may live under a path (https://host/evenement/): its pages are relative to that folder.
    private readonly Uri _site = siteUrl.AbsoluteUri.EndsWith('/') ? siteUrl : new Uri(siteUrl.AbsoluteUri + "/");

    private const string EventFr = "Week-end culturel de l’IA";
    private const string EventEn = "AI Cultural Weekend";

    public MailMessage Compose(MailContent content)
    {
        var words = new Words(content.Lang == "en");
        return content.Kind switch
        {
            MessageKind.ConfirmRequest => ConfirmRequest(content, words),
            MessageKind.Confirmed => Confirmed(content, words),
            MessageKind.Waitlisted => Waitlisted(content, words),
            MessageKind.Offer => Offer(content, words),
            MessageKind.OfferExpired => OfferExpired(content, words),
            MessageKind.HoldExpired => HoldExpired(content, words),
            MessageKind.Cancelled => Cancelled(content, words),
            MessageKind.Reminder => Reminder(content, words),
            MessageKind.Recovery => Recovery(content, words),
            MessageKind.AlreadyRegistered => AlreadyRegistered(content, words),
            MessageKind.NewsletterConfirm => NewsletterConfirm(content, words),
            _ => throw new ArgumentOutOfRangeException(nameof(content), content.Kind, "no template for this kind of message"),
        };
    }

    private MailMessage ConfirmRequest(MailContent c, Words w)
    {
        var held = c.Sessions.Count(s => s.Status == OutcomeStatus.Held);
        var waiting = c.Sessions.Count(s => s.Status == OutcomeStatus.Waitlisted);
        var deadline = Deadline(c);
        var what = (held, waiting) switch
        {
            (0, 1) => w.T("votre place sur la liste d’attente", "your place on the waiting list"),
            (0, _) => w.T("vos places sur les listes d’attente", "your places on the waiting lists"),
            (1, 0) => w.T("la place réservée pour vous", "the place held for you"),
            (_, 0) => w.T("les places réservées pour vous", "the places held for you"),
            _ => w.T("les places réservées pour vous et vos places sur les listes d’attente", "the places held for you and your places on the waiting lists"),
        };
        var blocks = new List<MailBlock>
        {
            Greeting(c, w),
            deadline is { } until
                ? new ParagraphBlock([new(w.T($"Pour garder {what}, confirmez votre adresse avant le ", $"To keep {what}, confirm your address by ")), new(MailDates.Moment(until, c.Lang), Strong: true), new(w.T(". Sans confirmation, elles seront libérées pour d’autres personnes.", ". Without confirmation, they will be released for other people."))])
                : new ParagraphBlock(w.T($"Pour garder {what}, confirmez votre adresse.", $"To keep {what}, confirm your address.")),
        };
        AddButton(blocks, c.Links.Confirm, w.T("Confirmer mon inscription", "Confirm my registration"));
        blocks.Add(Sessions(c, w));
        AddLink(blocks, c.Links.Booking, w.T("Votre inscription, à tout moment\u00a0:", "Your registration, at any time:"), w.T("voir ou annuler mon inscription", "see or cancel my registration"));
        return Message(c, w, w.T("Confirmez votre inscription", "Confirm your registration"), w.T($"Confirmez votre inscription au {EventFr}", $"Confirm your registration for the {EventEn}"), blocks, IgnoreIfNotYou(c, w, w.T("les places seront libérées à l’échéance", "the places will be released when the time is up")));
    }

    private MailMessage Confirmed(MailContent c, Words w)
    {
        var many = c.Sessions.Count > 1;
        var blocks = new List<MailBlock>
        {
            Greeting(c, w),
            new ParagraphBlock(many
                ? w.T("Vos places sont confirmées pour les séances ci-dessous. Nous vous attendons.", "Your places are confirmed for the sessions below. We look forward to seeing you.")
                : w.T("Votre place est confirmée pour la séance ci-dessous. Nous vous attendons.", "Your place is confirmed for the session below. We look forward to seeing you.")),
            Sessions(c, w),
        };
        AddCalendarNote(blocks, c, w);
        AddLink(blocks, c.Links.Booking, w.T("Vous ne pourrez pas venir\u202f? Rendez votre place pour qu’elle profite à quelqu’un d’autre\u00a0:", "Cannot come? Give your place back so that someone else can have it:"), w.T("voir ou annuler mon inscription", "see or cancel my registration"));
        return Message(c, w,
            many ? w.T("Vos places sont confirmées", "Your places are confirmed") : w.T("Votre place est confirmée", "Your place is confirmed"),
            many ? w.T($"Vos places sont confirmées au {EventFr}", $"Your places at the {EventEn} are confirmed") : w.T($"Votre place est confirmée au {EventFr}", $"Your place at the {EventEn} is confirmed"),
            blocks, Registered(c, w));
    }

    private MailMessage Waitlisted(MailContent c, Words w)
    {
        var blocks = new List<MailBlock>
        {
            Greeting(c, w),
            new ParagraphBlock(w.T(
                "La séance ci-dessous est complète\u00a0: vous êtes sur sa liste d’attente. Si une place se libère, elle vous sera proposée par courriel, et vous aurez quelques heures pour la confirmer.",
                "The session below is full: you are on its waiting list. If a place becomes free, it will be offered to you by e-mail, and you will have a few hours to confirm it.")),
            Sessions(c, w),
        };
        AddLink(blocks, c.Links.Booking, w.T("Pour quitter la liste d’attente\u00a0:", "To leave the waiting list:"), w.T("voir ou annuler mon inscription", "see or cancel my registration"));
        return Message(c, w, w.T("Vous êtes sur la liste d’attente", "You are on the waiting list"), w.T("Vous êtes sur la liste d’attente", "You are on the waiting list"), blocks, Registered(c, w));
    }

    private MailMessage Offer(MailContent c, Words w)
    {
        var deadline = Deadline(c);
        var blocks = new List<MailBlock>
        {
            Greeting(c, w),
            deadline is { } until
                ? new ParagraphBlock([new(w.T("Une place s’est libérée et elle vous est réservée jusqu’au ", "A place has become free and it is held for you until ")), new(MailDates.Moment(until, c.Lang), Strong: true), new(w.T(". Confirmez-la pour la garder\u202f; sinon, elle sera proposée à la personne suivante sur la liste d’attente.", ". Confirm it to keep it; otherwise it will be offered to the next person on the waiting list."))])
                : new ParagraphBlock(w.T("Une place s’est libérée et elle vous est réservée. Confirmez-la pour la garder\u202f; sinon, elle sera proposée à la personne suivante sur la liste d’attente.", "A place has become free and it is held for you. Confirm it to keep it; otherwise it will be offered to the next person on the waiting list.")),
        };
        AddButton(blocks, c.Links.Confirm, w.T("Confirmer ma place", "Confirm my place"));
        blocks.Add(Sessions(c, w));
        AddLink(blocks, c.Links.Booking, w.T("Vous ne souhaitez plus venir\u202f? Rendez la place pour la personne suivante\u00a0:", "No longer want to come? Give the place back for the next person:"), w.T("voir ou annuler mon inscription", "see or cancel my registration"));
        return Message(c, w, w.T("Une place s’est libérée pour vous", "A place has become free for you"), w.T("Une place s’est libérée pour vous", "A place has become free for you"), blocks, Registered(c, w));
    }

    private MailMessage OfferExpired(MailContent c, Words w)
    {
        var blocks = new List<MailBlock>
        {
            Greeting(c, w),
            new ParagraphBlock(w.T(
                "La place qui vous était proposée n’a pas été confirmée à temps\u00a0: elle est passée à la personne suivante sur la liste d’attente.",
                "The place offered to you was not confirmed in time: it has gone to the next person on the waiting list.")),
            Sessions(c, w),
        };
        AddLink(blocks, c.Links.Booking, w.T("Le détail de votre inscription\u00a0:", "The details of your registration:"), w.T("voir mon inscription", "see my registration"));
        return Message(c, w, w.T("La place proposée n’a pas été confirmée", "The place offered was not confirmed"), w.T("La place proposée n’a pas été confirmée", "The place offered to you was not confirmed"), blocks, Registered(c, w));
    }

    private MailMessage HoldExpired(MailContent c, Words w)
    {
        var blocks = new List<MailBlock>
        {
            Greeting(c, w),
            new ParagraphBlock(w.T(
                "Votre inscription n’a pas été confirmée à temps\u00a0: les places gardées pour vous ont été libérées. Pour venir, inscrivez-vous de nouveau depuis la page de la séance, s’il reste des places.",
                "Your registration was not confirmed in time: the places kept for you have been released. To come, register again from the session’s page, if places remain.")),
            Sessions(c, w),
        };
        return Message(c, w, w.T("Votre inscription n’a pas été confirmée", "Your registration was not confirmed"), w.T("Votre inscription n’a pas été confirmée", "Your registration was not confirmed"), blocks, Registered(c, w));
    }

    private MailMessage Cancelled(MailContent c, Words w)
    {
        var many = c.Sessions.Count > 1;
        var blocks = new List<MailBlock>
        {
            Greeting(c, w),
            new ParagraphBlock(many
                ? w.T("Vos places sont annulées pour les séances ci-dessous. Merci de les avoir libérées pour d’autres personnes.", "Your places are cancelled for the sessions below. Thank you for freeing them for other people.")
                : w.T("Votre place est annulée pour la séance ci-dessous. Merci de l’avoir libérée pour d’autres personnes.", "Your place is cancelled for the session below. Thank you for freeing it for other people.")),
            Sessions(c, w),
        };
        AddLink(blocks, c.Links.Booking, w.T("Le détail de votre inscription\u00a0:", "The details of your registration:"), w.T("voir mon inscription", "see my registration"));
        return Message(c, w,
            many ? w.T("Vos places sont annulées", "Your places are cancelled") : w.T("Votre place est annulée", "Your place is cancelled"),
            many ? w.T("Vos places sont annulées", "Your places are cancelled") : w.T("Votre place est annulée", "Your place is cancelled"),
            blocks, Registered(c, w));
    }

    private MailMessage Reminder(MailContent c, Words w)
    {
        var first = c.Sessions.Count > 0 ? c.Sessions.MinBy(s => s.Start) : null;
        var one = c.Sessions.Count == 1 && first is not null;
        var blocks = new List<MailBlock>
        {
            Greeting(c, w),
            new ParagraphBlock(one
                ? w.T("Votre séance approche. Voici de quoi la retrouver.", "Your session is coming up. Here is what you need to find it.")
                : w.T("Vos séances approchent. Voici de quoi les retrouver.", "Your sessions are coming up. Here is what you need to find them.")),
            Sessions(c, w),
        };
        AddCalendarNote(blocks, c, w);
        blocks.Add(new ParagraphBlock(w.T(
            "Vous ne pourrez pas venir\u202f? Rendez votre place avec le lien de la séance\u00a0: elle sera proposée à une personne de la liste d’attente.",
            "Cannot come? Give your place back with the session’s link: it will be offered to someone on the waiting list.")));
        AddLink(blocks, c.Links.Booking, w.T("Votre inscription, à tout moment :", "Your registration, at any time:"), w.T("voir ou annuler mon inscription", "see or cancel my registration"));
        var subject = one
            ? w.T($"Rappel\u00a0: votre séance du {MailDates.ShortDay(first!.Start, c.Lang)} à {MailDates.Clock(first.Start, c.Lang)}", $"Reminder: your session on {MailDates.ShortDay(first!.Start, c.Lang)} at {MailDates.Clock(first.Start, c.Lang)}")
            : w.T($"Rappel\u00a0: vos séances du {EventFr}", $"Reminder: your sessions at the {EventEn}");
        return Message(c, w, one ? w.T("Votre séance approche", "Your session is coming up") : w.T("Vos séances approchent", "Your sessions are coming up"), subject, blocks, Registered(c, w));
    }

    private MailMessage Recovery(MailContent c, Words w)
    {
        var bookings = c.Bookings ?? [];
        var blocks = new List<MailBlock>
        {
            Greeting(c, w),
            new ParagraphBlock([new(w.T("Voici les inscriptions faites avec l’adresse ", "Here are the registrations made with the address ")), new(c.MaskedEmail, Strong: true), new(w.T(". Chaque lien ouvre la page de l’inscription, où vous pouvez la voir ou l’annuler.", ". Each link opens the registration’s page, where you can see or cancel it."))]),
            new BookingsBlock([.. bookings.Select(b => new BookingItem(
                w.T($"Inscription du {MailDates.Moment(b.CreatedAt, c.Lang)}", $"Registration of {MailDates.Moment(b.CreatedAt, c.Lang)}"),
                b.SessionTitles,
                new MailLink(w.T("voir cette inscription", "see this registration"), b.Url)))]),
        };
        return Message(c, w, w.T("Vos inscriptions", "Your registrations"), w.T($"Vos inscriptions au {EventFr}", $"Your registrations for the {EventEn}"), blocks,
            w.T($"Vous recevez ce message parce que la liste des inscriptions faites avec l’adresse {c.MaskedEmail} a été demandée sur le site du {EventFr}. Si ce n’est pas vous, vous pouvez l’ignorer\u00a0: rien n’a changé.", $"You are receiving this message because the list of registrations made with the address {c.MaskedEmail} was requested on the {EventEn} website. If this was not you, you can ignore it: nothing has changed."));
    }

    private MailMessage AlreadyRegistered(MailContent c, Words w)
    {
        var blocks = new List<MailBlock>
        {
            Greeting(c, w),
            new ParagraphBlock(w.T(
                "Une nouvelle demande d’inscription a été faite avec votre adresse pour des séances que vous avez déjà réservées. Rien n’a changé\u00a0: votre inscription reste celle-ci.",
                "A new registration request was made with your address for sessions you have already booked. Nothing has changed: your registration stays as it is.")),
            Sessions(c, w),
        };
        if (c.Links.Booking is not null)
        {
            AddLink(blocks, c.Links.Booking, w.T("Votre inscription, à tout moment\u00a0:", "Your registration, at any time:"), w.T("voir ou annuler mon inscription", "see or cancel my registration"));
        }
        else
        {
            AddLink(blocks, c.Links.FindRegistrations, w.T("Pour recevoir les liens de vos inscriptions\u00a0:", "To receive the links to your registrations:"), w.T("retrouver mes inscriptions", "find my registrations"));
        }

        return Message(c, w, w.T("Vous avez déjà réservé ces séances", "You have already booked these sessions"), w.T("Votre inscription existe déjà", "You are already registered"), blocks, IgnoreIfNotYou(c, w, w.T("rien n’a changé", "nothing has changed")));
    }

    private MailMessage NewsletterConfirm(MailContent c, Words w)
    {
        var blocks = new List<MailBlock>
        {
            Greeting(c, w),
            new ParagraphBlock(w.T(
                $"Pour recevoir la lettre d’information du {EventFr}, confirmez votre adresse.",
                $"To receive the {EventEn} newsletter, confirm your address.")),
        };
        AddButton(blocks, c.Links.NewsletterConfirm, w.T("Confirmer mon abonnement", "Confirm my subscription"));
        blocks.Add(new ParagraphBlock(w.T(
            "Sans confirmation, votre adresse sera effacée dans 7\u00a0jours et vous ne recevrez rien.",
            "Without confirmation, your address will be deleted in 7 days and you will receive nothing.")));
        var message = Message(c, w, w.T("Confirmez votre abonnement", "Confirm your subscription"), w.T("Confirmez votre abonnement à la lettre d’information", "Confirm your newsletter subscription"), blocks,
            w.T($"Vous recevez ce message parce qu’un abonnement à la lettre d’information du {EventFr} a été demandé avec l’adresse {c.MaskedEmail}. Si ce n’est pas vous, ignorez-le.", $"You are receiving this message because a subscription to the {EventEn} newsletter was requested with the address {c.MaskedEmail}. If this was not you, ignore it."));
        return c.Links.Unsubscribe is { } unsubscribe
            ? message with { FooterLinks = [.. message.FooterLinks, new MailLink(w.T("Se désabonner", "Unsubscribe"), unsubscribe)] }
            : message;
    }

    private MailMessage Message(MailContent c, Words w, string heading, string subject, List<MailBlock> blocks, string reason)
    {
        var preview = blocks.OfType<ParagraphBlock>().Skip(1).FirstOrDefault()?.Text ?? heading;
        var automatic = w.T("Ce message est envoyé automatiquement\u00a0: merci de ne pas y répondre.", "This message was sent automatically: please do not reply to it.");
        return new MailMessage(c.Lang, subject, preview, heading, blocks, reason + " " + automatic,
            [new MailLink(w.T("Données personnelles", "Personal data"), new Uri(_site, c.PersonalDataPage.TrimStart('/')).AbsoluteUri)]);
    }

    private static ParagraphBlock Greeting(MailContent c, Words w) =>
        new(string.IsNullOrWhiteSpace(c.FirstName) ? w.T("Bonjour,", "Hello,") : w.T($"Bonjour {c.FirstName},", $"Hello {c.FirstName},"));

    private static string Registered(MailContent c, Words w) =>
        w.T($"Vous recevez ce message parce qu’une inscription au {EventFr} a été faite avec l’adresse {c.MaskedEmail}.", $"You are receiving this message because a registration for the {EventEn} was made with the address {c.MaskedEmail}.");

    private static string IgnoreIfNotYou(MailContent c, Words w, string consequence) =>
        w.T($"Vous recevez ce message parce qu’une inscription au {EventFr} a été demandée avec l’adresse {c.MaskedEmail}. Si ce n’est pas vous, ignorez-le\u00a0: {consequence}.", $"You are receiving this message because a registration for the {EventEn} was requested with the address {c.MaskedEmail}. If this was not you, ignore it: {consequence}.");

    /// <summary>The deadline the content gives, else the earliest of its sessions' own.</summary>
    private static DateTimeOffset? Deadline(MailContent c) =>
        c.Deadline ?? c.Sessions.Select(s => s.Until).Where(u => u is not null).Min();

    private static SessionsBlock Sessions(MailContent c, Words w) =>
        new([.. c.Sessions.Select(s => new SessionItem(s.Title, MailDates.Span(s.Start, s.End, c.Lang), Notes(s, c.Lang, w), Links(s, w)))]);

    private static IReadOnlyList<MailRun> Notes(MailSession s, string lang, Words w)
    {
        var until = s.Until is { } u ? MailDates.Moment(u, lang) : null;
        return s.Status switch
        {
            OutcomeStatus.Held when until is not null => [new(w.T("Place gardée pour vous jusqu’au ", "Place held for you until ")), new(until, Strong: true)],
            OutcomeStatus.Held => [new(w.T("Place gardée pour vous", "Place held for you"))],
            OutcomeStatus.Confirmed => [new(w.T("Place confirmée", "Place confirmed"), Strong: true)],
            OutcomeStatus.Waitlisted => [
                new(s.Position is { } p ? w.T($"Liste d’attente, position {p}", $"Waiting list, position {p}") : w.T("Liste d’attente", "Waiting list"), Strong: true),
                .. until is null ? Array.Empty<MailRun>() : [new(w.T($", à confirmer avant le {until}", $", to confirm by {until}"))]],
            OutcomeStatus.Cancelled => [new(w.T("Place annulée", "Place cancelled"))],
            OutcomeStatus.Expired => [new(w.T("Non confirmée à temps", "Not confirmed in time"))],
            _ => [],
        };
    }

    private static IReadOnlyList<MailLink> Links(MailSession s, Words w)
    {
        var links = new List<MailLink> { new(w.T("Page de la séance", "Session page"), s.PageUrl) };
        if (s.GiveBackUrl is { } giveBack)
        {
            links.Add(new MailLink(w.T("Rendre cette place", "Give this place back"), giveBack));
        }

        return links;
    }

    private static void AddButton(List<MailBlock> blocks, string? url, string label)
    {
        if (url is not null)
        {
            blocks.Add(new ButtonBlock(new MailLink(label, url)));
        }
    }

    private static void AddLink(List<MailBlock> blocks, string? url, string lead, string label)
    {
        if (url is not null)
        {
            blocks.Add(new LinkBlock(lead, new MailLink(label, url)));
        }
    }

    private static void AddCalendarNote(List<MailBlock> blocks, MailContent c, Words w)
    {
        var attached = c.Sessions.Count(s => s.Calendar is not null);
        if (attached > 0)
        {
            blocks.Add(new ParagraphBlock(attached == 1
                ? w.T("Le fichier d’agenda de la séance est joint à ce message (.ics)\u00a0: ouvrez-le pour l’ajouter à votre agenda.", "The session’s calendar file is attached to this message (.ics): open it to add the session to your calendar.")
                : w.T("Le fichier d’agenda de chaque séance est joint à ce message (.ics)\u00a0: ouvrez-les pour les ajouter à votre agenda.", "Each session’s calendar file is attached to this message (.ics): open them to add the sessions to your calendar.")));
        }
    }

    /// <summary>Picks the French or the English of a sentence.</summary>
    private readonly record struct Words(bool English)
    {
        public string T(string fr, string en) => English ? en : fr;
    }
}
