using System.Globalization;

namespace WeekendCulturel.Bench.ContentMaker;

/// <summary>One text in both languages.</summary>
public sealed record Bilingual(string Fr, string En)
{
    public string In(string lang) => lang == "fr" ? Fr : En;
}

public sealed record SyntheticVenue(string Id, Bilingual Name, string Street, string PostalCode, double Lat, double Lon, Bilingual Hours, IReadOnlyList<Bilingual> Access, Bilingual Body);

public sealed record SyntheticSpeaker(string Id, string Name, Bilingual Role, string Organisation, Bilingual Body);

public sealed record SyntheticSession(
    string Id,
    string Kind,
    string Audience,
    SyntheticVenue Venue,
    int Room,
    DateTime Start,
    DateTime End,
    IReadOnlyList<SyntheticSpeaker> Speakers,
    int Capacity,
    Bilingual Title,
    Bilingual Summary,
    IReadOnlyList<Bilingual> Tags,
    Bilingual Body);

/// <summary>
/// A made-up event of any size, deterministic for a seed: two days, as many venues as the rooms need
/// (25 rooms, ten one-hour slots a day each), a speaker for every four sessions. Bodies mix paragraphs, a
/// list, a table, a link to another session and an outside link, like the real content does.
/// </summary>
public sealed record SyntheticEvent(IReadOnlyList<SyntheticSession> Sessions, IReadOnlyList<SyntheticSpeaker> Speakers, IReadOnlyList<SyntheticVenue> Venues)
{
    public static readonly DateOnly[] Days = [new(2025, 2, 8), new(2025, 2, 9)];
    private const int RoomsPerVenue = 25;
    private const int SlotsPerDay = 10;

    private static readonly (string Id, Bilingual Label)[] Kinds =
    [
        ("table-ronde", new("Table ronde", "Round table")),
        ("atelier", new("Atelier", "Workshop")),
        ("demonstration", new("Démonstration", "Demonstration")),
        ("projection", new("Projection", "Screening")),
        ("exposition", new("Exposition", "Exhibition")),
        ("masterclass", new("Master class", "Master class")),
        ("studio", new("Studio", "Studio")),
    ];

    private static readonly string[] Audiences = ["tout-public", "adultes", "familles", "jeune-public"];

    private static readonly Bilingual[] Subjects =
    [
        new("la création musicale", "music making"), new("les archives", "archives"), new("le patrimoine", "heritage"),
        new("le droit d’auteur", "copyright"), new("la photographie", "photography"), new("le cinéma", "cinema"),
        new("les musées", "museums"), new("la presse", "the press"), new("la traduction", "translation"),
        new("le spectacle vivant", "the performing arts"), new("l’architecture", "architecture"), new("la bande dessinée", "comics"),
        new("les bibliothèques", "libraries"), new("le jeu vidéo", "video games"), new("la danse", "dance"), new("le design", "design"),
    ];

    private static readonly Bilingual[] Angles =
    [
        new("ce que l’intelligence artificielle change pour", "what artificial intelligence changes for"),
        new("créer avec des modèles génératifs dans", "creating with generative models in"),
        new("les métiers de demain dans", "tomorrow’s jobs in"),
        new("la transparence des algorithmes et", "the transparency of algorithms and"),
        new("préserver la diversité culturelle dans", "keeping cultural diversity alive in"),
        new("l’éducation artistique face à l’IA et", "arts education facing AI and"),
    ];

    private static readonly Bilingual[] Sentences =
    [
        new("Les intervenants partagent des exemples concrets tirés de leur pratique quotidienne.", "The speakers share concrete examples drawn from their daily practice."),
        new("Le public est invité à poser ses questions tout au long de la séance.", "The audience is invited to ask questions throughout the session."),
        new("Chacun repart avec des repères simples pour juger des outils qu’il rencontre.", "Everyone leaves with simple landmarks for judging the tools they come across."),
        new("La séance alterne présentations courtes, démonstrations et échanges avec la salle.", "The session alternates short talks, demonstrations and discussion with the room."),
        new("Aucune connaissance technique n’est nécessaire pour suivre les échanges.", "No technical knowledge is needed to follow the discussion."),
        new("Les œuvres présentées ont été produites avec l’accord des artistes et des ayants droit.", "The works shown were produced with the consent of the artists and rights holders."),
        new("Un temps est réservé à la question de la rémunération des créateurs.", "Time is set aside for the question of how creators are paid."),
        new("Les données utilisées pour entraîner les modèles font l’objet d’une attention particulière.", "The data used to train the models receives particular attention."),
        new("Des ressources pour aller plus loin sont proposées à la fin de la rencontre.", "Resources for going further are offered at the end of the meeting."),
        new("La discussion s’appuie sur des projets menés dans plusieurs régions de France.", "The discussion draws on projects carried out in several regions of France."),
    ];

    private static readonly Bilingual[] ListItems =
    [
        new("repérer un contenu produit par une IA", "spotting content made by an AI"),
        new("comprendre comment un modèle est entraîné", "understanding how a model is trained"),
        new("connaître ses droits sur ses propres œuvres", "knowing your rights over your own works"),
        new("essayer un outil sous la conduite d’un médiateur", "trying a tool with a guide"),
        new("débattre des usages souhaitables", "debating which uses are desirable"),
        new("découvrir des œuvres récentes", "discovering recent works"),
        new("rencontrer des professionnels de la culture", "meeting people who work in culture"),
    ];

    private static readonly string[] FirstNames = ["Camille", "Louise", "Hugo", "Inès", "Marc", "Nadia", "Paul", "Sophie", "Yanis", "Claire", "Thomas", "Amina", "Jules", "Léa", "Omar", "Zoé"];
    private static readonly string[] LastNames = ["Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Garcia", "Roux", "Fournier", "Girard", "Bonnet", "Mercier", "Blanc", "Guérin"];
    private static readonly string[] Organisations = ["Bibliothèque nationale de France", "Centre Pompidou", "Institut national de l’audiovisuel", "Musée du Louvre", "Radio France", "Université Paris-Saclay", "Inria", "Cité de la musique"];
    private static readonly Bilingual[] Roles =
    [
        new("Conservatrice du patrimoine", "Heritage curator"), new("Artiste plasticien", "Visual artist"), new("Chercheuse en informatique", "Computer scientist"),
        new("Juriste spécialisée en propriété intellectuelle", "Intellectual property lawyer"), new("Réalisateur", "Film director"), new("Médiatrice culturelle", "Cultural outreach officer"),
    ];

    public static SyntheticEvent Plan(int sessionCount, int seed)
    {
        var random = new Random(seed);
        var venueCount = Math.Max(2, (sessionCount + (RoomsPerVenue * SlotsPerDay * Days.Length) - 1) / (RoomsPerVenue * SlotsPerDay * Days.Length));
        var venues = Enumerable.Range(0, venueCount).Select(i => MakeVenue(i, random)).ToList();
        var speakers = Enumerable.Range(0, Math.Max(8, sessionCount / 4)).Select(i => MakeSpeaker(i, random)).ToList();
        var ids = Enumerable.Range(0, sessionCount).Select(SessionId).ToList();
        var sessions = new List<SyntheticSession>(sessionCount);
        for (var i = 0; i < sessionCount; i++)
        {
            sessions.Add(MakeSession(i, venues, speakers, ids, random));
        }

        return new SyntheticEvent(sessions, speakers, venues);
    }

    private static string SessionId(int i) => "seance-" + (i + 1).ToString("D5", CultureInfo.InvariantCulture);

    private static SyntheticVenue MakeVenue(int i, Random random)
    {
        // The site's days name the venues 'bnf' and 'conciergerie': the first two keep those ids.
        var id = i switch { 0 => "bnf", 1 => "conciergerie", _ => "lieu-" + (i + 1).ToString("D3", CultureInfo.InvariantCulture) };
        var number = i + 1;
        var street = $"{random.Next(1, 200)} rue {LastNames[random.Next(LastNames.Length)]}";
        return new SyntheticVenue(
            id,
            new($"Espace culturel n° {number}", $"Cultural venue no. {number}"),
            street,
            $"750{(i % 20) + 1:D2}",
            48.80 + random.NextDouble() * 0.1,
            2.25 + random.NextDouble() * 0.15,
            new("De 9 h à 19 h", "9 am to 7 pm"),
            [new($"Métro ligne {random.Next(1, 15)} : station la plus proche à 5 minutes", $"Metro line {random.Next(1, 15)}: nearest station 5 minutes away"), new("Bus : plusieurs lignes à proximité", "Bus: several lines nearby")],
            Paragraphs(random, 2));
    }

    private static SyntheticSpeaker MakeSpeaker(int i, Random random)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var role = Roles[random.Next(Roles.Length)];
        var organisation = Organisations[random.Next(Organisations.Length)];
        return new SyntheticSpeaker(
            "intervenant-" + (i + 1).ToString("D5", CultureInfo.InvariantCulture),
            $"{first} {last}",
            role,
            organisation,
            new($"{first} {last} travaille à {organisation}. " + Sentences[random.Next(Sentences.Length)].Fr, $"{first} {last} works at {organisation}. " + Sentences[random.Next(Sentences.Length)].En));
    }

    private static SyntheticSession MakeSession(int i, List<SyntheticVenue> venues, List<SyntheticSpeaker> speakers, List<string> ids, Random random)
    {
        var perVenue = RoomsPerVenue * SlotsPerDay * Days.Length;
        var venue = venues[i / perVenue];
        var withinVenue = i % perVenue;
        var day = Days[withinVenue / (RoomsPerVenue * SlotsPerDay)];
        var withinDay = withinVenue % (RoomsPerVenue * SlotsPerDay);
        var room = (withinDay / SlotsPerDay) + 1;
        var start = day.ToDateTime(new TimeOnly(9 + (withinDay % SlotsPerDay), 0));
        var (kind, label) = Kinds[random.Next(Kinds.Length)];
        var subject = Subjects[random.Next(Subjects.Length)];
        var angle = Angles[random.Next(Angles.Length)];
        var number = i + 1;
        var title = new Bilingual($"{label.Fr} : {angle.Fr} {subject.Fr} (n° {number})", $"{label.En}: {angle.En} {subject.En} (no. {number})");
        var summary = new Bilingual(
            $"Une heure pour comprendre {angle.Fr} {subject.Fr}, avec des exemples, des démonstrations et du temps pour vos questions.",
            $"One hour to understand {angle.En} {subject.En}, with examples, demonstrations and time for your questions.");
        var sessionSpeakers = Enumerable.Range(0, random.Next(0, 4)).Select(_ => speakers[random.Next(speakers.Count)]).Distinct().ToList();
        var other = ids[random.Next(ids.Count)];
        var body = Body(random, other, subject);
        return new SyntheticSession(
            ids[i], kind, Audiences[random.Next(Audiences.Length)], venue, room, start, start.AddHours(1), sessionSpeakers,
            random.Next(20, 200), title, summary, [subject, new("intelligence artificielle", "artificial intelligence")], body);
    }

    private static Bilingual Paragraphs(Random random, int count)
    {
        var fr = new List<string>();
        var en = new List<string>();
        for (var p = 0; p < count; p++)
        {
            var picked = Enumerable.Range(0, 3).Select(_ => Sentences[random.Next(Sentences.Length)]).ToList();
            fr.Add(string.Join(' ', picked.Select(s => s.Fr)));
            en.Add(string.Join(' ', picked.Select(s => s.En)));
        }

        return new(string.Join("\n\n", fr), string.Join("\n\n", en));
    }

    private static Bilingual Body(Random random, string otherSession, Bilingual subject)
    {
        var intro = Paragraphs(random, 2);
        var items = Enumerable.Range(0, random.Next(3, 6)).Select(_ => ListItems[random.Next(ListItems.Length)]).Distinct().ToList();
        var more = Paragraphs(random, 1);
        var fr = $"""
            {intro.Fr}

            ## Au programme

            {string.Join("\n", items.Select(item => "- " + item.Fr))}

            | Temps | Contenu |
            | --- | --- |
            | 15 min | Présentation de {subject.Fr} |
            | 30 min | Démonstrations et essais |
            | 15 min | Questions du public |

            {more.Fr} Voir aussi la [séance associée](/programme/{otherSession}/) et le [site du ministère](https://www.culture.gouv.fr/thematiques/innovation-numerique).
            """;
        var en = $"""
            {intro.En}

            ## What to expect

            {string.Join("\n", items.Select(item => "- " + item.En))}

            | Time | Content |
            | --- | --- |
            | 15 min | Introduction to {subject.En} |
            | 30 min | Demonstrations and hands-on |
            | 15 min | Questions from the audience |

            {more.En} See also the [related session](/en/programme/{otherSession}/) and the [Ministry’s website](https://www.culture.gouv.fr/en/thematiques/innovation-numerique).
            """;
        return new(fr, en);
    }
}
