using System.Text;
using WeekendCulturel.Contract;
using WeekendCulturel.Registration.Domain;
using static WeekendCulturel.Registration.Http.HtmlPages;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// A form posted without JavaScript with mistakes, shown again in the site's shell: filled in with what was
/// sent, each mistake beside its field in the DSFR error states, a summary at the top whose links lead to
/// the fields, and posting to the same route. The markup follows the site's own forms (the registration
/// page, the newsletter form of the home page), ids included, so the site's script still works on it.
/// Every value sent is written escaped.
/// </summary>
public static class FormPages
{
    /// <summary>The registration form of the registration page, with every session that takes registrations.</summary>
    public static string Registration(string? shell, ApiText text, SitePages pages, IReadOnlyDictionary<string, SessionDefinition> sessions, DateTimeOffset now, int retentionDays, RegistrationInput sent, IDictionary<string, string[]> errors)
    {
        var lang = text.Lang;
        var fr = lang != "en";
        var name = fr ? "Inscription" : "Registration";
        var html = new StringBuilder();
        html.Append("<div class=\"fr-container fr-my-6w\"><h1>").Append(E(name)).Append("</h1>");
        Summary(html, text, errors, field => field is FormFields.Sessions or FormFields.FirstName or FormFields.LastName or FormFields.Email or FormFields.Organisation or FormFields.AcceptWaitlist or FormFields.AcceptPrivacy ? field : null, fr);
        // The addresses and the field name that the site's script takes from the form, as the site's own form gives them.
        html.Append("<form id=\"formulaire-inscription\" class=\"wc-registration-form\" method=\"post\" action=\"").Append(ApiPaths.Registrations).Append("\" data-lang=\"").Append(E(lang))
            .Append("\" data-booking-page=\"").Append(ApiPaths.BookingPage("{0}")).Append("?lang=").Append(E(lang)).Append("&amp;new=1\" data-idempotency-field=\"").Append(FormFields.IdempotencyKey)
            .Append("\" data-seats-source=\"").Append(ApiPaths.Sessions).Append("\">")
            .Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(E(lang)).Append("\">");

        var ticked = (sent.Sessions ?? []).ToHashSet(StringComparer.Ordinal);
        var sessionErrors = errors.TryGetValue(FormFields.Sessions, out var m) ? m : [];
        html.Append("<fieldset class=\"fr-fieldset").Append(sessionErrors.Length > 0 ? " fr-fieldset--error" : "").Append("\" id=\"sessions\" aria-labelledby=\"sessions-legende\" aria-describedby=\"")
            .Append(sessionErrors.Length > 0 ? "sessions-erreur" : "sessions-messages").Append("\">")
            .Append("<legend class=\"fr-fieldset__legend\" id=\"sessions-legende\"><span class=\"fr-h4\">").Append(E(fr ? "1. Vos séances" : "1. Your sessions")).Append("</span>")
            .Append("<span class=\"fr-hint-text\">").Append(E(fr
                ? "Plusieurs séances ont lieu en même temps\u00a0: pour chaque horaire, une seule peut vous être confirmée."
                : "Several sessions take place at the same time: for each time slot, only one can be confirmed for you.")).Append("</span></legend>");
        foreach (var day in sessions.Values.GroupBy(s => Day(s, fr)))
        {
            html.Append("<div class=\"fr-fieldset__element\"><h2 class=\"fr-h5 fr-mt-2w\">").Append(E(char.ToUpperInvariant(day.Key[0]) + day.Key[1..])).Append("</h2></div>");
            foreach (var session in day)
            {
                var id = "choix-" + session.Id;
                var closed = now >= session.Closes;
                html.Append("<div class=\"fr-fieldset__element wc-choice\" id=\"seance-").Append(E(session.Id)).Append("\"><div class=\"fr-checkbox-group\">")
                    .Append("<input type=\"checkbox\" name=\"sessions\" value=\"").Append(E(session.Id)).Append("\" id=\"").Append(E(id)).Append('"')
                    .Append(ticked.Contains(session.Id) ? " checked" : "").Append(closed ? " disabled" : "")
                    .Append(" data-start=\"").Append(InParis(session.Start).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture))
                    .Append("\" data-end=\"").Append(InParis(session.End).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture))
                    .Append("\" aria-describedby=\"").Append(E(id)).Append("-aide\">")
                    .Append("<label class=\"fr-label\" for=\"").Append(E(id)).Append("\">").Append(E(session.Title(lang)))
                    .Append("<span class=\"fr-hint-text\" id=\"").Append(E(id)).Append("-aide\">").Append(E(TimeRange(session, fr)))
                    .Append(closed ? E(fr ? " · Inscriptions closes" : " · Registration closed") : "").Append("</span></label></div></div>");
            }
        }

        Messages(html, FormFields.Sessions, sessionErrors);
        html.Append("</fieldset>");

        html.Append("<fieldset class=\"fr-fieldset\" aria-labelledby=\"coordonnees-legende\"><legend class=\"fr-fieldset__legend\" id=\"coordonnees-legende\"><span class=\"fr-h4\">")
            .Append(E(fr ? "2. Vos coordonnées" : "2. Your details")).Append("</span></legend>");
        TextField(html, FormFields.FirstName, FormFields.FirstName, FieldLabel(FormFields.FirstName, fr), null, "text", "given-name", FormFields.MaxName, sent.FirstName, errors, required: true);
        TextField(html, FormFields.LastName, FormFields.LastName, FieldLabel(FormFields.LastName, fr), null, "text", "family-name", FormFields.MaxName, sent.LastName, errors, required: true);
        TextField(html, FormFields.Email, FormFields.Email, FieldLabel(FormFields.Email, fr), fr ? "Format attendu\u00a0: nom@exemple.fr" : "Expected format: name@example.org", "email", "email", FormFields.MaxEmail, sent.Email, errors, required: true);
        TextField(html, FormFields.Organisation, FormFields.Organisation, fr ? "Organisation (facultatif)" : "Organisation (optional)", null, "text", "organization", FormFields.MaxOrganisation, sent.Organisation, errors, required: false);
        html.Append("<div class=\"fr-fieldset__element\">");
        Checkbox(html, FormFields.AcceptWaitlist, FormFields.AcceptWaitlist, fr ? "Si une séance est complète, m’inscrire sur sa liste d’attente" : "If a session is full, put me on its waiting list", sent.AcceptWaitlist == true, errors, required: false, "");
        html.Append("</div>");
        Trap(html, FormFields.Website, fr);
        html.Append("</fieldset>");

        html.Append("<fieldset class=\"fr-fieldset\" aria-labelledby=\"donnees-legende\"><legend class=\"fr-fieldset__legend\" id=\"donnees-legende\"><span class=\"fr-h4\">")
            .Append(E(fr ? "3. Vos données personnelles" : "3. Your personal data")).Append("</span></legend>")
            .Append("<div class=\"fr-fieldset__element\"><p class=\"fr-text--sm\">").Append(E(fr
                ? $"Le ministère de la Culture traite vos nom, prénom, adresse électronique et organisation pour gérer votre inscription et la liste d’attente des séances\u00a0; seuls les organisateurs y ont accès. Vos données sont supprimées {retentionDays}\u00a0jours après le dernier jour de l’événement. "
                : $"The French Ministry of Culture processes your name, email address and organisation to manage your registration and the sessions' waiting lists; only the organisers have access to it. Your data is deleted {retentionDays} days after the last day of the event. "))
            .Append("<a href=\"").Append(E(pages.Registration)).Append("#donnees-legende\">").Append(E(fr ? "Vos droits et le détail de ce traitement" : "Your rights and the details of this processing")).Append("</a></p></div>")
            .Append("<div class=\"fr-fieldset__element\">");
        Checkbox(html, FormFields.AcceptPrivacy, FormFields.AcceptPrivacy, fr
            ? "J’ai lu ces informations et j’accepte que mes données soient traitées pour gérer mon inscription."
            : "I have read this information and accept that my data is processed to manage my registration.", sent.AcceptPrivacy == true, errors, required: true, "");
        html.Append("</div></fieldset>")
            .Append("<button class=\"fr-btn fr-btn--lg\" type=\"submit\">").Append(E(fr ? "Envoyer mon inscription" : "Send my registration")).Append("</button></form></div>");
        return Fill(shell, $"{text.ValidationTitle} – {name}", html.ToString(), lang);
    }

    /// <summary>The newsletter form of the home page.</summary>
    public static string Newsletter(string? shell, ApiText text, RegistrationInput sent, IDictionary<string, string[]> errors)
    {
        var lang = text.Lang;
        var fr = lang != "en";
        var name = fr ? "Lettre d’information" : "Newsletter";
        var html = new StringBuilder();
        html.Append("<div class=\"fr-container fr-my-6w\"><h1>").Append(E(name)).Append("</h1>");
        Summary(html, text, errors, field => field switch { FormFields.Email => "lettre-email", FormFields.AcceptPrivacy => "lettre-accord", _ => null }, fr);
        html.Append("<p class=\"fr-text--sm\">").Append(E(fr
                ? "Recevez les nouvelles du week-end et des prochains rendez-vous culturels autour de l’IA."
                : "Get news of the weekend and of upcoming cultural events about AI.")).Append("</p>")
            .Append("<form class=\"wc-newsletter\" method=\"post\" action=\"").Append(ApiPaths.Newsletter).Append("\" data-done=\"")
            .Append(E(fr ? "Merci, votre abonnement est enregistré." : "Thank you, your subscription is recorded.")).Append("\">")
            .Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(E(lang)).Append("\">");

        var emailErrors = errors.TryGetValue(FormFields.Email, out var m) ? m : [];
        html.Append("<div class=\"fr-input-group").Append(emailErrors.Length > 0 ? " fr-input-group--error" : "").Append("\" id=\"lettre-email-groupe\">")
            .Append("<label class=\"fr-label\" for=\"lettre-email\">").Append(E(fr ? "Votre adresse électronique (ex.\u00a0: nom@domaine.fr)" : "Your email address (e.g. name@domain.org)")).Append("</label>")
            .Append("<div class=\"fr-input-wrap fr-input-wrap--addon\">")
            .Append("<input class=\"fr-input").Append(emailErrors.Length > 0 ? " fr-input--error" : "").Append("\" type=\"email\" id=\"lettre-email\" name=\"email\" autocomplete=\"email\" required")
            .Append(" value=\"").Append(E(sent.Email ?? "")).Append('"');
        Described(html, "lettre-email", emailErrors);
        html.Append("><button class=\"fr-btn\" type=\"submit\">").Append(E(fr ? "S’abonner" : "Subscribe")).Append("</button></div>");
        Messages(html, "lettre-email", emailErrors);
        html.Append("</div>");
        Checkbox(html, "lettre-accord", FormFields.AcceptPrivacy, fr
            ? "J’accepte que le ministère de la Culture utilise mon adresse pour m’envoyer cette lettre\u00a0; je peux me désabonner à tout moment."
            : "I accept that the Ministry of Culture uses my address to send me this newsletter; I can unsubscribe at any time.", sent.AcceptPrivacy == true, errors, required: true, " fr-checkbox-group--sm");
        Trap(html, "lettre-website", fr);
        html.Append("</form></div>");
        return Fill(shell, $"{text.ValidationTitle} – {name}", html.ToString(), lang);
    }

    /// <summary>What to correct, at the top: one line per field, linked to the field when the form has it.</summary>
    private static void Summary(StringBuilder html, ApiText text, IDictionary<string, string[]> errors, Func<string, string?> elementOf, bool fr)
    {
        html.Append("<div class=\"wc-form-summary\" id=\"erreurs\" tabindex=\"-1\" role=\"alert\"><div class=\"fr-alert fr-alert--error fr-mb-4w\">")
            .Append("<h2 class=\"fr-alert__title\">").Append(E(text.ValidationTitle)).Append("</h2><p>").Append(E(text.ValidationDetail)).Append("</p><ul>");
        foreach (var (field, messages) in errors)
        {
            var line = E($"{FieldLabel(field, fr)}{(fr ? "\u00a0: " : ": ")}{string.Join(' ', messages)}");
            html.Append("<li>").Append(elementOf(field) is { } id ? $"<a href=\"#{E(id)}\">{line}</a>" : line).Append("</li>");
        }

        html.Append("</ul></div></div>");
    }

    private static void TextField(StringBuilder html, string id, string name, string label, string? hint, string type, string autocomplete, int maxLength, string? value, IDictionary<string, string[]> errors, bool required)
    {
        var messages = errors.TryGetValue(name, out var m) ? m : [];
        html.Append("<div class=\"fr-fieldset__element\"><div class=\"fr-input-group").Append(messages.Length > 0 ? " fr-input-group--error" : "").Append("\" id=\"").Append(E(id)).Append("-groupe\">")
            .Append("<label class=\"fr-label\" for=\"").Append(E(id)).Append("\">").Append(E(label));
        if (hint is not null)
        {
            html.Append("<span class=\"fr-hint-text\">").Append(E(hint)).Append("</span>");
        }

        html.Append("</label><input class=\"fr-input").Append(messages.Length > 0 ? " fr-input--error" : "").Append("\" type=\"").Append(type).Append("\" id=\"").Append(E(id))
            .Append("\" name=\"").Append(E(name)).Append("\" autocomplete=\"").Append(autocomplete).Append('"').Append(required ? " required" : "")
            .Append(" maxlength=\"").Append(maxLength).Append("\" value=\"").Append(E(value ?? "")).Append('"');
        Described(html, id, messages);
        html.Append('>');
        Messages(html, id, messages);
        html.Append("</div></div>");
    }

    private static void Checkbox(StringBuilder html, string id, string name, string label, bool isChecked, IDictionary<string, string[]> errors, bool required, string groupClass)
    {
        var messages = errors.TryGetValue(name, out var m) ? m : [];
        html.Append("<div class=\"fr-checkbox-group").Append(groupClass).Append(messages.Length > 0 ? " fr-checkbox-group--error" : "").Append("\" id=\"").Append(E(id)).Append("-groupe\">")
            .Append("<input type=\"checkbox\" name=\"").Append(E(name)).Append("\" id=\"").Append(E(id)).Append("\" value=\"true\"").Append(isChecked ? " checked" : "").Append(required ? " required" : "");
        Described(html, id, messages);
        html.Append("><label class=\"fr-label\" for=\"").Append(E(id)).Append("\">").Append(E(label)).Append("</label>");
        Messages(html, id, messages);
        html.Append("</div>");
    }

    /// <summary>A field is read with its error when it has one (and is then invalid), else with its messages' place.</summary>
    private static void Described(StringBuilder html, string id, string[] messages) =>
        html.Append(" aria-describedby=\"").Append(E(id)).Append(messages.Length > 0 ? "-erreur\" aria-invalid=\"true\"" : "-messages\"");

    /// <summary>The place of a field's messages, where the site's script writes its own, holding the field's error.</summary>
    private static void Messages(StringBuilder html, string id, string[] messages)
    {
        html.Append("<div class=\"fr-messages-group\" id=\"").Append(E(id)).Append("-messages\" aria-live=\"polite\">");
        if (messages.Length > 0)
        {
            html.Append("<p class=\"fr-error-text\" id=\"").Append(E(id)).Append("-erreur\">").Append(E(string.Join(' ', messages))).Append("</p>");
        }

        html.Append("</div>");
    }

    /// <summary>The robots' trap, empty and out of sight as on the site.</summary>
    private static void Trap(StringBuilder html, string id, bool fr) =>
        html.Append("<div class=\"wc-trap\" aria-hidden=\"true\"><label for=\"").Append(id).Append("\">").Append(E(fr ? "Ne pas remplir ce champ" : "Leave this field empty"))
            .Append("</label><input type=\"text\" id=\"").Append(id).Append("\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></div>");
}
