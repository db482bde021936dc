using System.Globalization;

namespace WeekendCulturel.Theme.Model;

/// <summary>
/// The theme's own words in each language. French strings carry their no-break spaces already (before : ; ? !
/// and inside « guillemets »), as the content's do after loading.
/// </summary>
public sealed record Ui
{
    public static readonly Ui Fr = new()
    {
        Lang = Lang.Fr,
        SkipToContent = "Contenu",
        SkipToMenu = "Menu",
        SkipToFooter = "Pied de page",
        SkipLinksLabel = "Accès rapide",
        Menu = "Menu",
        Close = "Fermer",
        MainMenu = "Menu principal",
        Home = "Accueil",
        Programme = "Programme",
        Speakers = "Intervenants",
        Venues = "Lieux",
        Press = "Presse",
        Partners = "Partenaires",
        Register = "S’inscrire",
        DisplaySettings = "Paramètres d’affichage",
        DisplayLegend = "Choisissez un thème pour personnaliser l’apparence du site.",
        ThemeLight = "Thème clair",
        ThemeDark = "Thème sombre",
        ThemeSystem = "Système",
        ThemeSystemHint = "Utilise les paramètres système",
        OtherLanguageName = "English",
        OtherLanguageCode = "EN",
        Breadcrumb = "Fil d’Ariane",
        SeeBreadcrumb = "Voir le fil d’Ariane",
        YouAreHere = "Vous êtes ici\u00a0:",
        HomeOf = "Accueil –",
        SiteMap = "Plan du site",
        LegalNotice = "Mentions légales",
        PersonalData = "Données personnelles",
        Contact = "Contact",
        CookiesNone = "Ce site ne dépose aucun cookie.",
        AccessibilityLabel = "Accessibilité\u00a0:",
        Licence = "Sauf mention contraire, les contenus de ce site sont proposés sous",
        LicenceName = "licence etalab-2.0",
        NewWindow = "nouvelle fenêtre",
        FooterDescription = "Un événement du ministère de la Culture, avec le soutien du ministère de l’Europe et des Affaires étrangères.",
        Day = "Jour",
        Kind = "Format",
        Venue = "Lieu",
        Room = "Salle",
        Audience = "Public",
        Time = "Horaire",
        Date = "Date",
        All = "Tous",
        Filter = "Filtrer le programme",
        ResetFilters = "Réinitialiser les filtres",
        SessionsShown = "{0} séance(s) affichée(s)",
        NoSessionMatches = "Aucune séance ne correspond à ces filtres.",
        Description = "Description",
        WithSpeakers = "Avec",
        SessionsHere = "Les séances dans ce lieu",
        Access = "Accès",
        Accessibility = "Accessibilité",
        Hours = "Horaires",
        Address = "Adresse",
        AddToCalendar = "Ajouter à mon agenda (.ics)",
        WholeProgrammeCalendar = "Tout le programme dans mon agenda (.ics)",
        FreeAccess = "Accès libre, sans inscription, dans la limite des places disponibles.",
        RegistrationNotYetOpen = "Les inscriptions ouvrent le {0}.",
        RegistrationOpen = "Inscription gratuite et obligatoire.",
        RegistrationClosed = "Les inscriptions à cette séance sont closes.",
        Capacity = "{0} places",
        WithWaitlist = "liste d’attente en cas d’affluence",
        Upcoming = "À venir",
        Ongoing = "En cours",
        Past = "Terminé",
        Registration = "Inscription",
        SeatsFreedAtTheDoorOne = "{0} place libérée sur place",
        SeatsFreedAtTheDoorOther = "{0} places libérées sur place",
        LiveSeatsOpen = "{0} {0|place|places} {0|restante|restantes} sur {1}",
        LiveSeatsWaitlist = "Complet\u00a0: liste d’attente ouverte ({2} {2|personne|personnes} en attente)",
        LiveSeatsFull = "Complet",
        LiveSeatsClosed = "Inscriptions closes",
        FindRegistrations = "Retrouver mes inscriptions",
        LostYourLink = "Déjà inscrit ou inscrite, et lien perdu ?",
        ReadMore = "Lire la suite",
        PressRelease = "Communiqué de presse",
        PressKit = "Dossier de presse",
        Article = "Article",
        Published = "Publié le",
        ReadOriginal = "Lire sur le site d’origine",
        Download = "Télécharger",
        PressFeed = "Flux Atom des communiqués",
        Support = "Avec le soutien de",
        Patrons = "Mécènes",
        Contributors = "Contributeurs",
        Media = "Partenaires médias",
        FollowUs = "Suivez-nous sur les réseaux sociaux",
        NotFoundTitle = "Page non trouvée",
        NotFoundLead = "La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.",
        NotFoundText = "Si vous avez tapé l’adresse web dans le navigateur, vérifiez qu’elle est correcte. La page n’est peut-être plus disponible. Dans ce cas, pour continuer votre visite, vous pouvez consulter notre page d’accueil ou le programme.",
        NotFoundCode = "Erreur 404",
        Minister = "Le mot de la ministre",
        FurtherReading = "Pour aller plus loin",
        FreeEntry = "Entrée gratuite sur inscription",
        DiscoverProgramme = "Découvrir le programme",
        SeeDay = "Voir le programme du",
        Pages = "Pages",
        Sessions = "Séances",
    };

    public static readonly Ui En = new()
    {
        Lang = Lang.En,
        SkipToContent = "Content",
        SkipToMenu = "Menu",
        SkipToFooter = "Footer",
        SkipLinksLabel = "Quick access",
        Menu = "Menu",
        Close = "Close",
        MainMenu = "Main menu",
        Home = "Home",
        Programme = "Programme",
        Speakers = "Speakers",
        Venues = "Venues",
        Press = "Press",
        Partners = "Partners",
        Register = "Register",
        DisplaySettings = "Display settings",
        DisplayLegend = "Choose a theme to customise the look of the site.",
        ThemeLight = "Light theme",
        ThemeDark = "Dark theme",
        ThemeSystem = "System",
        ThemeSystemHint = "Uses your system settings",
        OtherLanguageName = "Français",
        OtherLanguageCode = "FR",
        Breadcrumb = "Breadcrumb",
        SeeBreadcrumb = "See the breadcrumb",
        YouAreHere = "You are here:",
        HomeOf = "Home –",
        SiteMap = "Site map",
        LegalNotice = "Legal notice",
        PersonalData = "Personal data",
        Contact = "Contact",
        CookiesNone = "This site sets no cookie.",
        AccessibilityLabel = "Accessibility:",
        Licence = "Unless stated otherwise, the content of this site is available under the",
        LicenceName = "etalab-2.0 licence",
        NewWindow = "new window",
        FooterDescription = "An event of the French Ministry of Culture, supported by the Ministry for Europe and Foreign Affairs.",
        Day = "Day",
        Kind = "Format",
        Venue = "Venue",
        Room = "Room",
        Audience = "Audience",
        Time = "Time",
        Date = "Date",
        All = "All",
        Filter = "Filter the programme",
        ResetFilters = "Reset the filters",
        SessionsShown = "{0} session(s) shown",
        NoSessionMatches = "No session matches these filters.",
        Description = "Description",
        WithSpeakers = "With",
        SessionsHere = "Sessions at this venue",
        Access = "Getting there",
        Accessibility = "Accessibility",
        Hours = "Opening hours",
        Address = "Address",
        AddToCalendar = "Add to my calendar (.ics)",
        WholeProgrammeCalendar = "The whole programme in my calendar (.ics)",
        FreeAccess = "Free access, no registration, subject to available space.",
        RegistrationNotYetOpen = "Registration opens on {0}.",
        RegistrationOpen = "Free, registration required.",
        RegistrationClosed = "Registration for this session is closed.",
        Capacity = "{0} seats",
        WithWaitlist = "waiting list when full",
        Upcoming = "Upcoming",
        Ongoing = "Happening now",
        Past = "Over",
        Registration = "Registration",
        SeatsFreedAtTheDoorOne = "{0} seat freed at the door",
        SeatsFreedAtTheDoorOther = "{0} seats freed at the door",
        LiveSeatsOpen = "{0} of {1} {1|seat|seats} left",
        LiveSeatsWaitlist = "Full: waiting list open ({2} waiting)",
        LiveSeatsFull = "Full",
        LiveSeatsClosed = "Registration closed",
        FindRegistrations = "Find my registrations",
        LostYourLink = "Already registered and lost your link?",
        ReadMore = "Read more",
        PressRelease = "Press release",
        PressKit = "Press kit",
        Article = "Article",
        Published = "Published on",
        ReadOriginal = "Read on the original site",
        Download = "Download",
        PressFeed = "Atom feed of press releases",
        Support = "Supported by",
        Patrons = "Patrons",
        Contributors = "Contributors",
        Media = "Media partners",
        FollowUs = "Follow us on social media",
        NotFoundTitle = "Page not found",
        NotFoundLead = "The page you are looking for cannot be found. We apologise for the inconvenience.",
        NotFoundText = "If you typed the web address, check that it is correct. The page may no longer exist. To go on, you can visit the home page or the programme.",
        NotFoundCode = "Error 404",
        Minister = "A word from the Minister",
        FurtherReading = "Further reading",
        FreeEntry = "Free entry on registration",
        DiscoverProgramme = "Discover the programme",
        SeeDay = "See the programme for",
        Pages = "Pages",
        Sessions = "Sessions",
    };

    public static Ui For(Lang lang) => lang == Lang.Fr ? Fr : En;

    public required Lang Lang { get; init; }
    public required string SkipToContent { get; init; }
    public required string SkipToMenu { get; init; }
    public required string SkipToFooter { get; init; }
    public required string SkipLinksLabel { get; init; }
    public required string Menu { get; init; }
    public required string Close { get; init; }
    public required string MainMenu { get; init; }
    public required string Home { get; init; }
    public required string Programme { get; init; }
    public required string Speakers { get; init; }
    public required string Venues { get; init; }
    public required string Press { get; init; }
    public required string Partners { get; init; }
    public required string Register { get; init; }
    public required string DisplaySettings { get; init; }
    public required string DisplayLegend { get; init; }
    public required string ThemeLight { get; init; }
    public required string ThemeDark { get; init; }
    public required string ThemeSystem { get; init; }
    public required string ThemeSystemHint { get; init; }
    public required string OtherLanguageName { get; init; }
    public required string OtherLanguageCode { get; init; }
    public required string Breadcrumb { get; init; }
    public required string SeeBreadcrumb { get; init; }
    public required string YouAreHere { get; init; }
    public required string HomeOf { get; init; }
    public required string SiteMap { get; init; }
    public required string LegalNotice { get; init; }
    public required string PersonalData { get; init; }
    public required string Contact { get; init; }
    public required string CookiesNone { get; init; }
    public required string AccessibilityLabel { get; init; }
    public required string Licence { get; init; }
    public required string LicenceName { get; init; }
    public required string NewWindow { get; init; }
    public required string FooterDescription { get; init; }
    public required string Day { get; init; }
    public required string Kind { get; init; }
    public required string Venue { get; init; }
    public required string Room { get; init; }
    public required string Audience { get; init; }
    public required string Time { get; init; }
    public required string Date { get; init; }
    public required string All { get; init; }
    public required string Filter { get; init; }
    public required string ResetFilters { get; init; }
    public required string SessionsShown { get; init; }
    public required string NoSessionMatches { get; init; }
    public required string Description { get; init; }
    public required string WithSpeakers { get; init; }
    public required string SessionsHere { get; init; }
    public required string Access { get; init; }
    public required string Accessibility { get; init; }
    public required string Hours { get; init; }
    public required string Address { get; init; }
    public required string AddToCalendar { get; init; }
    public required string WholeProgrammeCalendar { get; init; }
    public required string FreeAccess { get; init; }
    public required string RegistrationNotYetOpen { get; init; }
    public required string RegistrationOpen { get; init; }
    public required string RegistrationClosed { get; init; }
    public required string Capacity { get; init; }
    public required string WithWaitlist { get; init; }
    public required string Upcoming { get; init; }
    public required string Ongoing { get; init; }
    public required string Past { get; init; }
    public required string Registration { get; init; }

    /// <summary>The live count once a seat freed is no longer offered to the waiting list but kept for people who come: <c>{0}</c> is the number of seats.</summary>
    public required string SeatsFreedAtTheDoorOne { get; init; }
    public required string SeatsFreedAtTheDoorOther { get; init; }

    /// <summary>
    /// The live count of an open session, by its state, written in the page by the script: <c>{0}</c> is the
    /// seats left, <c>{1}</c> the capacity, <c>{2}</c> the people waiting, and <c>{n|one|other}</c> the word
    /// agreeing with number n (one for 0 and 1, other above), as each language agrees its words with its own number.
    /// </summary>
    public required string LiveSeatsOpen { get; init; }
    public required string LiveSeatsWaitlist { get; init; }
    public required string LiveSeatsFull { get; init; }
    public required string LiveSeatsClosed { get; init; }
    public required string FindRegistrations { get; init; }
    public required string LostYourLink { get; init; }
    public required string ReadMore { get; init; }
    public required string PressRelease { get; init; }
    public required string PressKit { get; init; }
    public required string Article { get; init; }
    public required string Published { get; init; }
    public required string ReadOriginal { get; init; }
    public required string Download { get; init; }
    public required string PressFeed { get; init; }
    public required string Support { get; init; }
    public required string Patrons { get; init; }
    public required string Contributors { get; init; }
    public required string Media { get; init; }
    public required string FollowUs { get; init; }
    public required string NotFoundTitle { get; init; }
    public required string NotFoundLead { get; init; }
    public required string NotFoundText { get; init; }
    public required string NotFoundCode { get; init; }
    public required string Minister { get; init; }
    public required string FurtherReading { get; init; }
    public required string FreeEntry { get; init; }
    public required string DiscoverProgramme { get; init; }
    public required string SeeDay { get; init; }
    public required string Pages { get; init; }
    public required string Sessions { get; init; }

    public CultureInfo Culture => CultureInfo.GetCultureInfo(Lang.Culture());

    public string KindName(SessionKind kind) => (Lang, kind) switch
    {
        (Lang.Fr, SessionKind.TableRonde) => "Table ronde",
        (Lang.Fr, SessionKind.Atelier) => "Atelier",
        (Lang.Fr, SessionKind.Demonstration) => "Démonstration",
        (Lang.Fr, SessionKind.Projection) => "Projection",
        (Lang.Fr, SessionKind.Exposition) => "Exposition",
        (Lang.Fr, SessionKind.Masterclass) => "Master class",
        (Lang.Fr, SessionKind.Studio) => "Studio radio",
        (_, SessionKind.TableRonde) => "Round table",
        (_, SessionKind.Atelier) => "Workshop",
        (_, SessionKind.Demonstration) => "Demonstration",
        (_, SessionKind.Projection) => "Screening",
        (_, SessionKind.Exposition) => "Exhibition",
        (_, SessionKind.Masterclass) => "Master class",
        _ => "Radio studio",
    };

    public string AudienceName(Audience audience) => (Lang, audience) switch
    {
        (Lang.Fr, Model.Audience.ToutPublic) => "Tout public",
        (Lang.Fr, Model.Audience.Adultes) => "Adultes",
        (Lang.Fr, Model.Audience.Familles) => "Familles",
        (Lang.Fr, Model.Audience.JeunePublic) => "Jeune public",
        (_, Model.Audience.ToutPublic) => "Everyone",
        (_, Model.Audience.Adultes) => "Adults",
        (_, Model.Audience.Familles) => "Families",
        _ => "Young people",
    };

    public string PressKindName(PressKind kind) => kind switch
    {
        PressKind.Communique => PressRelease,
        PressKind.Dossier => PressKit,
        _ => Article,
    };

    public string TimingName(SessionTiming timing) => timing switch
    {
        SessionTiming.Upcoming => Upcoming,
        SessionTiming.Ongoing => Ongoing,
        _ => Past,
    };

    public string RgaaName(RgaaStatus status) => (Lang, status) switch
    {
        (Lang.Fr, RgaaStatus.NonConforme) => "non conforme",
        (Lang.Fr, RgaaStatus.PartiellementConforme) => "partiellement conforme",
        (Lang.Fr, RgaaStatus.TotalementConforme) => "totalement conforme",
        (_, RgaaStatus.NonConforme) => "non-compliant",
        (_, RgaaStatus.PartiellementConforme) => "partially compliant",
        _ => "fully compliant",
    };

    /// <summary>« samedi 8 février 2025 » / "Saturday 8 February 2025".</summary>
    public string LongDate(DateOnly date)
    {
        var text = date.ToString("dddd d MMMM yyyy", Culture);
        return Lang == Lang.Fr ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>A day inside a sentence: « samedi 8 février » / "Saturday 8 February", as each language writes it.</summary>
    public string DayInSentence(DateOnly date) => date.ToString("dddd d MMMM", Culture);

    public string DayTitle(DateOnly date)
    {
        var text = DayInSentence(date);
        return char.ToUpper(text[0], Culture) + text[1..];
    }

    /// <summary>French prints « 10 h 30 » (no-break spaces), English "10:30".</summary>
    public string Clock(DateTime time) => Lang == Lang.Fr
        ? time.Minute == 0 ? $"{time.Hour}\u00a0h" : $"{time.Hour}\u00a0h\u00a0{time.Minute:00}"
        : time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public string TimeRange(DateTime start, DateTime end) => Lang == Lang.Fr
        ? $"{Clock(start)} – {Clock(end)}"
        : $"{Clock(start)}–{Clock(end)}";

    public string DateTimeText(DateTime local) => Lang == Lang.Fr
        ? $"{LongDate(DateOnly.FromDateTime(local))} à {Clock(local)}"
        : $"{LongDate(DateOnly.FromDateTime(local))} at {Clock(local)}";
}
