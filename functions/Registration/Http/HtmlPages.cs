using System.Globalization;
using System.Text;
using WeekendCulturel.Contract;
using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// The pages the API itself answers to browsers without JavaScript: the booking (confirmation and manage)
/// page and the form's error page. They are written into the site's own page shell (header, footer,
/// stylesheet), which <c>registrations sync</c> stores, so they look like the rest of the site.
/// </summary>
public static class HtmlPages
{
    private static readonly TimeZoneInfo Paris = EventTime.Zone;

    public static string Booking(string? shell, BookingView booking, IReadOnlyDictionary<string, SessionDefinition> sessions, string lang, string manageUrl, string actionBase, bool isNew, IReadOnlyList<SessionOutcome> rejected)
    {
        var fr = lang != "en";
        var title = fr ? "Votre inscription" : "Your booking";
        var html = new StringBuilder();
        html.Append("<div class=\"fr-container fr-my-6w\"><h1>").Append(E(title)).Append("</h1>");
        if (isNew)
        {
            html.Append("<div class=\"fr-alert fr-alert--success fr-mb-4w\" role=\"status\"><h2 class=\"fr-alert__title\">")
                .Append(E(fr ? "Votre demande est enregistrée" : "Your request is recorded")).Append("</h2><p>")
                .Append(E(fr ? "Retrouvez ci-dessous l’état de chaque séance." : "The state of each session is below.")).Append("</p></div>");
        }

        html.Append("<p>").Append(E(fr ? $"Bonjour {booking.FirstName}, voici les séances réservées pour {booking.MaskedEmail}." : $"Hello {booking.FirstName}, here are the sessions booked for {booking.MaskedEmail}.")).Append("</p>");
        if (booking.Deadline is { } deadline)
        {
            // The address is proven by the e-mail: the page never confirms anything by itself.
            html.Append("<div class=\"fr-alert fr-alert--warning fr-mb-4w wc-awaiting\"><h2 class=\"fr-alert__title\">")
                .Append(E(fr ? "Confirmez depuis votre messagerie" : "Confirm from your inbox")).Append("</h2><p>")
                .Append(E(fr
                    ? $"Vérifiez votre boîte de réception à l’adresse {booking.MaskedEmail}\u00a0: le courriel que nous vous avons envoyé contient le lien de confirmation. Sans confirmation avant le {Moment(deadline, fr)}, les places retenues seront libérées."
                    : $"Check your inbox at {booking.MaskedEmail}: the e-mail we sent you holds the confirmation link. Without confirmation by {Moment(deadline, fr)}, the seats kept for you will be released."))
                .Append("</p></div>");
        }

        if (booking.Results.Count == 0 && rejected.Count == 0)
        {
            html.Append("<p>").Append(E(fr
                ? "Ce lien ne porte sur aucune séance\u00a0: vous étiez sans doute déjà inscrit·e, et c’est le lien reçu lors de votre première inscription qui permet de la gérer."
                : "This link holds no session: you were most likely registered already, and the link from your first registration is the one that manages it.")).Append("</p>");
        }

        html.Append("<ul class=\"wc-booking\">");
        foreach (var result in booking.Results)
        {
            var session = sessions.GetValueOrDefault(result.Session);
            html.Append("<li class=\"fr-mb-3w\" data-session=\"").Append(E(result.Session)).Append("\" data-status=\"").Append(E(result.Status.Word())).Append("\">");
            html.Append("<h2 class=\"fr-h5 fr-mb-1w\">");
            html.Append(session is null ? E(result.Session) : $"<a href=\"{E(session.Links.Page(lang))}\">{E(session.Title(lang))}</a>");
            html.Append("</h2>");
            if (session is not null)
            {
                html.Append("<p class=\"fr-mb-1w\">").Append(E(When(session, fr))).Append("</p>");
            }

            html.Append("<p class=\"fr-badge ").Append(result.Status switch { OutcomeStatus.Confirmed => "fr-badge--success", OutcomeStatus.Waitlisted => "fr-badge--info", OutcomeStatus.Held => "fr-badge--new", _ => "" }).Append("\">")
                .Append(E(StatusText(result, fr))).Append("</p>");
            if (!result.IsOver)
            {
                if (session is not null)
                {
                    html.Append("<p class=\"fr-mt-1w\"><a class=\"fr-link fr-icon-calendar-line fr-link--icon-left\" href=\"").Append(E(session.Links.Calendar(lang)))
                        .Append("\" download>").Append(E(fr ? "Ajouter à mon agenda (.ics)" : "Add to my calendar (.ics)")).Append("</a></p>");
                }

                html.Append("<form method=\"post\" action=\"").Append(E(actionBase)).Append("/sessions/").Append(E(result.Session)).Append("/cancel\">")
                    .Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(E(lang)).Append("\">")
                    .Append("<button class=\"fr-btn fr-btn--secondary fr-btn--sm\" type=\"submit\">").Append(E(fr ? "Annuler cette séance" : "Cancel this session"))
                    .Append("<span class=\"fr-sr-only\"> – ").Append(E(session?.Title(lang) ?? result.Session)).Append("</span></button></form>");
            }

            html.Append("</li>");
        }

        foreach (var result in rejected)
        {
            var session = sessions.GetValueOrDefault(result.Session);
            html.Append("<li class=\"fr-mb-3w\" data-session=\"").Append(E(result.Session)).Append("\" data-status=\"rejected\"><h2 class=\"fr-h5 fr-mb-1w\">")
                .Append(E(session?.Title(lang) ?? result.Session)).Append("</h2><p class=\"fr-badge fr-badge--warning\">").Append(E(StatusText(result, fr))).Append("</p></li>");
        }

        html.Append("</ul>");
        if (booking.Results.Any(r => !r.IsOver))
        {
            html.Append("<form method=\"post\" action=\"").Append(E(actionBase)).Append("/cancel\">")
                .Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(E(lang)).Append("\">")
                .Append("<button class=\"fr-btn fr-btn--tertiary\" type=\"submit\">").Append(E(fr ? "Annuler toutes mes séances" : "Cancel all my sessions")).Append("</button></form>");
        }

        html.Append("<div class=\"fr-callout fr-mt-4w\"><h2 class=\"fr-callout__title\">").Append(E(fr ? "Votre lien privé" : "Your private link")).Append("</h2>")
            .Append("<p class=\"fr-callout__text\">").Append(E(fr
                ? "Gardez ce lien\u00a0: il permet de revoir et d’annuler votre inscription. Ne le partagez pas."
                : "Keep this link: it lets you see and cancel your booking. Do not share it.")).Append("</p>")
            .Append("<p><a href=\"").Append(E(manageUrl)).Append("\" class=\"wc-manage-link\">").Append(E(manageUrl)).Append("</a></p></div>");
        html.Append("</div>");
        return Fill(shell, title, html.ToString(), lang);
    }

    /// <summary>
    /// The no-JavaScript answer to a form that could not be taken (too many requests, storage unavailable...):
    /// what happened, and the way back to the form. A form with mistakes comes back itself (<see cref="FormPages"/>).
    /// </summary>
    public static string FormErrors(string? shell, string lang, string title, string detail, IDictionary<string, string[]>? errors, string backUrl)
    {
        var fr = lang != "en";
        var html = new StringBuilder();
        html.Append("<div class=\"fr-container fr-my-6w\"><h1>").Append(E(title)).Append("</h1>")
            .Append("<div class=\"fr-alert fr-alert--error fr-mb-4w\" role=\"alert\"><p>").Append(E(detail)).Append("</p></div>");
        if (errors is { Count: > 0 })
        {
            html.Append("<ul>");
            foreach (var (field, messages) in errors)
            {
                html.Append("<li><strong>").Append(E(FieldLabel(field, fr))).Append("</strong>\u00a0: ").Append(E(string.Join(' ', messages))).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<p><a class=\"fr-btn\" href=\"").Append(E(backUrl)).Append("\">")
            .Append(E(fr ? "Revenir au formulaire" : "Back to the form")).Append("</a></p></div>");
        return Fill(shell, title, html.ToString(), lang);
    }

    public static string FieldLabel(string field, bool fr) => field switch
    {
        FormFields.Sessions => fr ? "Séances" : "Sessions",
        FormFields.FirstName => fr ? "Prénom" : "First name",
        FormFields.LastName => fr ? "Nom" : "Last name",
        FormFields.Email => fr ? "Adresse électronique" : "Email address",
        FormFields.Organisation => fr ? "Organisation" : "Organisation",
        FormFields.AcceptPrivacy => fr ? "Données personnelles" : "Personal data",
        FormFields.AcceptWaitlist => fr ? "Liste d’attente" : "Waiting list",
        _ => field,
    };

    public static string StatusText(SessionOutcome result, bool fr) => result.Status switch
    {
        OutcomeStatus.Confirmed => fr ? "Place confirmée" : "Seat confirmed",
        OutcomeStatus.Held when result.HoldUntil is { } until => fr ? $"Place retenue jusqu’au {Moment(until, fr)}, à confirmer" : $"Seat held until {Moment(until, fr)}, to confirm",
        OutcomeStatus.Waitlisted when result.ConfirmBy is { } by => fr ? $"Liste d’attente, position {result.Position}, à confirmer avant le {Moment(by, fr)}" : $"Waiting list, position {result.Position}, to confirm by {Moment(by, fr)}",
        OutcomeStatus.Waitlisted => fr ? $"Liste d’attente, position {result.Position}" : $"Waiting list, position {result.Position}",
        OutcomeStatus.Cancelled => fr ? "Annulée" : "Cancelled",
        OutcomeStatus.Expired => fr ? "Expirée\u00a0: non confirmée à temps" : "Expired: not confirmed in time",
        OutcomeStatus.Registered => fr ? "Déjà inscrit·e\u00a0: vos liens vous ont été envoyés par courriel" : "Registered already: your links were sent to you by e-mail",
        _ => result.Reason switch
        {
            RejectionReason.Closed => fr ? "Non réservée\u00a0: inscriptions closes" : "Not booked: registration closed",
            RejectionReason.NotYetOpen => fr ? "Non réservée\u00a0: inscriptions pas encore ouvertes" : "Not booked: registration not open yet",
            RejectionReason.Full => fr ? "Non réservée\u00a0: complet" : "Not booked: full",
            _ => fr ? "Non réservée\u00a0: en même temps qu’une autre de vos séances" : "Not booked: at the same time as another of your sessions",
        },
    };

    private static string When(SessionDefinition session, bool fr) => $"{Day(session, fr)}, {TimeRange(session, fr)}";

    /// <summary>The session's day in Paris: « samedi 8 février 2025 », « Saturday 8 February 2025 ».</summary>
    internal static string Day(SessionDefinition session, bool fr)
    {
        var day = InParis(session.Start).ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo(fr ? "fr-FR" : "en-GB"));
        return fr ? day : $"{char.ToUpperInvariant(day[0])}{day[1..]}";
    }

    /// <summary>The session's hours in Paris: « 10 h 00 – 11 h 00 », « 10:00–11:00 ».</summary>
    internal static string TimeRange(SessionDefinition session, bool fr)
    {
        var (start, end) = (InParis(session.Start), InParis(session.End));
        return fr ? $"{start:HH}\u00a0h\u00a0{start:mm} – {end:HH}\u00a0h\u00a0{end:mm}" : $"{start:HH:mm}–{end:HH:mm}";
    }

    internal static DateTimeOffset InParis(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Paris);

    /// <summary>A moment in Paris: « samedi 1 février 2025 à 10 h 30 », « Saturday 1 February 2025 at 10:30 ».</summary>
    internal static string Moment(DateTimeOffset moment, bool fr)
    {
        var paris = InParis(moment);
        var day = paris.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo(fr ? "fr-FR" : "en-GB"));
        return fr ? $"{day} à {paris:HH}\u00a0h\u00a0{paris:mm}" : $"{char.ToUpperInvariant(day[0])}{day[1..]} at {paris:HH:mm}";
    }

    internal static string Fill(string? shell, string title, string main, string lang)
    {
        if (shell is null || !shell.Contains(PageShellMarkers.Main, StringComparison.Ordinal))
        {
            // No shell stored yet (sync has not run): a plain page that still works.
            return $"<!DOCTYPE html><html lang=\"{E(lang)}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>{E(title)}</title></head><body><main id=\"contenu\">{main}</main></body></html>";
        }

        return shell.Replace(PageShellMarkers.Title, E(title), StringComparison.Ordinal).Replace(PageShellMarkers.Main, main, StringComparison.Ordinal);
    }

    // Letters with accents stay as they are in the page; only what HTML needs escaped is.
    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    internal static string E(string text) => Encoder.Encode(text);
}
