namespace WeekendCulturel.Registration.Http;

/// <summary>The API's words in French and English; French is the default.</summary>
public sealed record ApiText
{
    public static readonly ApiText Fr = new()
    {
        Lang = "fr",
        Required = "Ce champ est obligatoire.",
        TooLong = "{0} caractères au plus.",
        AngleBrackets = "Les chevrons «\u00a0<\u00a0» et «\u00a0>\u00a0» ne sont pas autorisés.",
        ControlCharacters = "Les caractères de contrôle (retour à la ligne, tabulation, caractère nul…) ne sont pas autorisés.",
        InvisibleCharacters = "Les caractères invisibles (espace sans chasse, trait d’union conditionnel, inversion du sens d’écriture…) ne sont pas autorisés.",
        Email = "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.",
        NoSession = "Choisissez au moins une séance.",
        TooManySessions = "Choisissez 10 séances au plus.",
        RepeatedSession = "Chaque séance ne peut être choisie qu’une fois.",
        UnknownSession = "Séance inconnue\u00a0: {0}.",
        FreeEntrySession = "«\u00a0{0}\u00a0» est en accès libre, sans inscription\u00a0: venez directement, dans la limite des places disponibles.",
        Privacy = "Vous devez accepter le traitement de vos données pour vous inscrire.",
        NewsletterPrivacy = "Vous devez accepter que votre adresse serve à vous envoyer la lettre d’information.",
        Text = "Un texte est attendu.",
        Boolean = "Une valeur vrai ou faux est attendue.",
        List = "Une liste de séances est attendue.",
        Language = "La langue doit être fr ou en.",
        UnknownField = "Champ inconnu.",
        ValidationTitle = "Certains champs sont à corriger",
        ValidationDetail = "La demande n’a pas été enregistrée\u00a0: corrigez les champs signalés.",
        MalformedTitle = "Requête illisible",
        MalformedDetail = "Le corps de la requête n’est ni un JSON ni un formulaire lisible en UTF-8.",
        TooLargeTitle = "Requête trop volumineuse",
        TooLargeDetail = "Le corps de la requête dépasse 16\u00a0Kio.",
        MediaTitle = "Type de contenu non pris en charge",
        MediaDetail = "Envoyez application/json ou application/x-www-form-urlencoded.",
        RateTitle = "Trop de demandes",
        RateDetail = "Trop de demandes depuis votre adresse\u00a0: réessayez dans une minute.",
        UnavailableTitle = "Service momentanément indisponible",
        UnavailableDetail = "Les inscriptions sont momentanément indisponibles. Rien n’a été perdu\u00a0: réessayez dans quelques instants.",
        NotFoundTitle = "Inscription introuvable",
        NotFoundDetail = "Ce lien de gestion ne correspond à aucune inscription.",
        UnauthorizedTitle = "Clé d’administration manquante ou invalide",
        UnauthorizedDetail = "Envoyez la clé d’administration dans l’en-tête x-functions-key.",
        ConflictTitle = "Aucune séance n’a pu être réservée",
        ConflictDetail = "Aucune des séances demandées n’a pu être réservée\u00a0; le détail figure dans results.",
        UnknownSessionTitle = "Séance inconnue",
        CrossSiteTitle = "Formulaire envoyé depuis un autre site",
        CrossSiteDetail = "Ce formulaire ne vient pas de notre site\u00a0: rien n’a été enregistré ni annulé. Utilisez le formulaire du site lui-même.",
        WrongCodeTitle = "Code de confirmation erroné",
        WrongCodeDetail = "Ce code ne confirme pas cette inscription. Utilisez le lien du dernier courriel reçu pour elle.",
        LateTitle = "Délai de confirmation dépassé",
        LateDetail = "Le délai pour confirmer est passé\u00a0: les places réservées ont été libérées. Vous pouvez vous inscrire de nouveau s’il en reste.",
        LinkTitle = "Lien invalide ou expiré",
        LinkDetail = "Ce lien ne correspond à aucune demande en cours. Les demandes d’abonnement non confirmées sont effacées au bout de sept jours.",
    };

    public static readonly ApiText En = new()
    {
        Lang = "en",
        Required = "This field is required.",
        TooLong = "At most {0} characters.",
        AngleBrackets = "Angle brackets < and > are not allowed.",
        ControlCharacters = "Control characters (line break, tab, null character…) are not allowed.",
        InvisibleCharacters = "Invisible characters (zero-width space, soft hyphen, text direction override…) are not allowed.",
        Email = "Enter a valid email address, for example name@example.org.",
        NoSession = "Choose at least one session.",
        TooManySessions = "Choose at most 10 sessions.",
        RepeatedSession = "Each session can be chosen only once.",
        UnknownSession = "Unknown session: {0}.",
        FreeEntrySession = "“{0}” is free entry, no registration needed: just come along, as space allows.",
        Privacy = "You must accept the processing of your data to register.",
        NewsletterPrivacy = "You must accept that your address is used to send you the newsletter.",
        Text = "A text is expected.",
        Boolean = "A true or false value is expected.",
        List = "A list of sessions is expected.",
        Language = "The language must be fr or en.",
        UnknownField = "Unknown field.",
        ValidationTitle = "Some fields need correcting",
        ValidationDetail = "The request was not recorded: correct the fields reported.",
        MalformedTitle = "Malformed request",
        MalformedDetail = "The request body is neither JSON nor form data readable as UTF-8.",
        TooLargeTitle = "Request too large",
        TooLargeDetail = "The request body is over 16 KiB.",
        MediaTitle = "Unsupported content type",
        MediaDetail = "Send application/json or application/x-www-form-urlencoded.",
        RateTitle = "Too many requests",
        RateDetail = "Too many requests from your address: try again in a minute.",
        UnavailableTitle = "Service temporarily unavailable",
        UnavailableDetail = "Registration is temporarily unavailable. Nothing was lost: try again in a moment.",
        NotFoundTitle = "Booking not found",
        NotFoundDetail = "This manage link does not match any booking.",
        UnauthorizedTitle = "Missing or invalid admin key",
        UnauthorizedDetail = "Send the admin key in the x-functions-key header.",
        ConflictTitle = "No session could be booked",
        ConflictDetail = "None of the sessions asked for could be booked; results says why.",
        UnknownSessionTitle = "Unknown session",
        CrossSiteTitle = "Form sent from another site",
        CrossSiteDetail = "This form does not come from our site: nothing was recorded or cancelled. Use the form on the site itself.",
        WrongCodeTitle = "Wrong confirmation code",
        WrongCodeDetail = "This code does not confirm this booking. Use the link of the latest e-mail you received about it.",
        LateTitle = "Too late to confirm",
        LateDetail = "The time to confirm has passed: the seats kept for you were released. You may register again if any are left.",
        LinkTitle = "Invalid or expired link",
        LinkDetail = "This link matches no pending request. Subscription requests that are not confirmed are deleted after seven days.",
    };

    public required string Lang { get; init; }
    public required string Required { get; init; }
    public required string TooLong { get; init; }
    public required string AngleBrackets { get; init; }
    public required string ControlCharacters { get; init; }
    public required string InvisibleCharacters { get; init; }
    public required string Email { get; init; }
    public required string NoSession { get; init; }
    public required string TooManySessions { get; init; }
    public required string RepeatedSession { get; init; }
    public required string UnknownSession { get; init; }
    public required string FreeEntrySession { get; init; }
    public required string Privacy { get; init; }
    public required string NewsletterPrivacy { get; init; }
    public required string Text { get; init; }
    public required string Boolean { get; init; }
    public required string List { get; init; }
    public required string Language { get; init; }
    public required string UnknownField { get; init; }
    public required string ValidationTitle { get; init; }
    public required string ValidationDetail { get; init; }
    public required string MalformedTitle { get; init; }
    public required string MalformedDetail { get; init; }
    public required string TooLargeTitle { get; init; }
    public required string TooLargeDetail { get; init; }
    public required string MediaTitle { get; init; }
    public required string MediaDetail { get; init; }
    public required string RateTitle { get; init; }
    public required string RateDetail { get; init; }
    public required string UnavailableTitle { get; init; }
    public required string UnavailableDetail { get; init; }
    public required string NotFoundTitle { get; init; }
    public required string NotFoundDetail { get; init; }
    public required string UnauthorizedTitle { get; init; }
    public required string UnauthorizedDetail { get; init; }
    public required string ConflictTitle { get; init; }
    public required string ConflictDetail { get; init; }
    public required string UnknownSessionTitle { get; init; }
    public required string CrossSiteTitle { get; init; }
    public required string CrossSiteDetail { get; init; }
    public required string WrongCodeTitle { get; init; }
    public required string WrongCodeDetail { get; init; }
    public required string LateTitle { get; init; }
    public required string LateDetail { get; init; }
    public required string LinkTitle { get; init; }
    public required string LinkDetail { get; init; }

    public static ApiText For(string? lang) => lang == "en" ? En : Fr;
}
