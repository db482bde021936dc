using System.Text;
using WeekendCulturel.Registration.Domain;
using static WeekendCulturel.Registration.Http.HtmlPages;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// The pages the e-mails' links open. Mail scanners open every link of a message, so opening one of these
/// changes nothing: each shows what its button will do, and the button posts the change.
/// </summary>
public static class LinkPages
{
    /// <summary>The confirm page: the booking's sessions waiting for a confirmation, and the button that sends the code.</summary>
    public static string Confirm(string? shell, BookingView booking, IReadOnlyDictionary<string, SessionDefinition> sessions, string lang, string action, string code)
    {
        var fr = lang != "en";
        var title = fr ? "Confirmer votre inscription" : "Confirm your booking";
        var html = Start(title);
        var waiting = booking.Results.Where(r => r.HoldUntil is not null || r.ConfirmBy is not null).ToList();
        if (waiting.Count == 0)
        {
            html.Append("<p>").Append(E(fr
                ? "Il n’y a plus rien à confirmer dans cette inscription\u00a0: elle est déjà confirmée, ou le délai est passé."
                : "Nothing is left to confirm in this booking: it is confirmed already, or the time to confirm has passed.")).Append("</p>");
        }
        else
        {
            html.Append("<p>").Append(E(fr
                ? $"Bonjour {booking.FirstName}, confirmez que l’adresse {booking.MaskedEmail} est bien la vôtre pour garder\u00a0:"
                : $"Hello {booking.FirstName}, confirm that {booking.MaskedEmail} is your address to keep:")).Append("</p>");
            Sessions(html, waiting, sessions, lang, fr);
            html.Append("<form method=\"post\" action=\"").Append(E(action)).Append("\">")
                .Append("<input type=\"hidden\" name=\"code\" value=\"").Append(E(code)).Append("\">")
                .Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(E(lang)).Append("\">")
                .Append("<button class=\"fr-btn\" type=\"submit\">").Append(E(fr ? "Confirmer mon inscription" : "Confirm my booking")).Append("</button></form>");
        }

        return End(shell, html, title, lang);
    }

    /// <summary>The give-back page: one session of the booking, and the button that cancels it.</summary>
    public static string GiveBack(string? shell, BookingView booking, SessionOutcome? result, SessionDefinition? session, string lang, string action, string bookingPage)
    {
        var fr = lang != "en";
        var title = fr ? "Libérer ma place" : "Give my seat back";
        var html = Start(title);
        if (result is null || session is null || result.IsOver)
        {
            html.Append("<p>").Append(E(fr ? "Cette séance n’est plus réservée dans votre inscription." : "This session is no longer booked in your booking.")).Append("</p>");
        }
        else
        {
            html.Append("<p>").Append(E(fr
                ? $"Bonjour {booking.FirstName}, si vous ne pouvez pas venir, libérez votre place\u00a0: elle sera proposée à la personne suivante."
                : $"Hello {booking.FirstName}, if you cannot come, give your seat back: it will be offered to the next person.")).Append("</p>");
            Sessions(html, [result], new Dictionary<string, SessionDefinition> { [session.Id] = session }, lang, fr);
            html.Append("<form method=\"post\" action=\"").Append(E(action)).Append("\">")
                .Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(E(lang)).Append("\">")
                .Append("<button class=\"fr-btn fr-btn--secondary\" type=\"submit\">").Append(E(fr ? "Libérer ma place" : "Give my seat back"))
                .Append("<span class=\"fr-sr-only\"> – ").Append(E(session.Title(lang))).Append("</span></button></form>");
        }

        html.Append("<p class=\"fr-mt-4w\"><a class=\"fr-link\" href=\"").Append(E(bookingPage)).Append("\">").Append(E(fr ? "Voir toute mon inscription" : "See my whole booking")).Append("</a></p>");
        return End(shell, html, title, lang);
    }

    /// <summary>A newsletter link's page: what the button does (confirm the subscription, or unsubscribe).</summary>
    public static string Newsletter(string? shell, NewsletterAction action, string lang, string formAction, string token)
    {
        var fr = lang != "en";
        var (title, text, button) = action == NewsletterAction.Confirm
            ? (fr ? "Confirmer l’abonnement à la lettre d’information" : "Confirm your newsletter subscription",
               fr ? "Confirmez que vous souhaitez recevoir la lettre d’information du Week-end culturel de l’IA à cette adresse." : "Confirm that you want to receive the newsletter of the AI Cultural Weekend at this address.",
               fr ? "Confirmer l’abonnement" : "Confirm the subscription")
            : (fr ? "Se désabonner de la lettre d’information" : "Unsubscribe from the newsletter",
               fr ? "Vous ne recevrez plus la lettre d’information, et votre adresse sera effacée." : "You will no longer receive the newsletter, and your address will be deleted.",
               fr ? "Me désabonner" : "Unsubscribe");
        var html = Start(title);
        html.Append("<p>").Append(E(text)).Append("</p>")
            .Append("<form method=\"post\" action=\"").Append(E(formAction)).Append("\">")
            .Append("<input type=\"hidden\" name=\"token\" value=\"").Append(E(token)).Append("\">")
            .Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(E(lang)).Append("\">")
            .Append("<button class=\"fr-btn\" type=\"submit\">").Append(E(button)).Append("</button></form>");
        return End(shell, html, title, lang);
    }

    /// <summary>What a button did: a title, a sentence, and where to go next.</summary>
    public static string Done(string? shell, string lang, string title, string text, string nextUrl, string nextLabel)
    {
        var html = Start(title);
        html.Append("<div class=\"fr-alert fr-alert--success fr-mb-4w\" role=\"status\"><p>").Append(E(text)).Append("</p></div>")
            .Append("<p><a class=\"fr-btn fr-btn--secondary\" href=\"").Append(E(nextUrl)).Append("\">").Append(E(nextLabel)).Append("</a></p>");
        return End(shell, html, title, lang);
    }

    private static StringBuilder Start(string title) => new StringBuilder().Append("<div class=\"fr-container fr-my-6w\"><h1>").Append(E(title)).Append("</h1>");

    private static string End(string? shell, StringBuilder html, string title, string lang) => Fill(shell, title, html.Append("</div>").ToString(), lang);

    private static void Sessions(StringBuilder html, IEnumerable<SessionOutcome> results, IReadOnlyDictionary<string, SessionDefinition> sessions, string lang, bool fr)
    {
        html.Append("<ul class=\"wc-booking\">");
        foreach (var result in results)
        {
            var session = sessions.GetValueOrDefault(result.Session);
            html.Append("<li class=\"fr-mb-2w\" data-session=\"").Append(E(result.Session)).Append("\" data-status=\"").Append(E(result.Status.Word())).Append("\"><p class=\"fr-text--bold fr-mb-0\">")
                .Append(E(session?.Title(lang) ?? result.Session)).Append("</p>");
            if (session is not null)
            {
                html.Append("<p class=\"fr-mb-0\">").Append(E($"{Day(session, fr)}, {TimeRange(session, fr)}")).Append("</p>");
            }

            html.Append("<p>").Append(E(StatusText(result, fr))).Append("</p></li>");
        }

        html.Append("</ul>");
    }
}
