namespace WeekendCulturel.Theme.Model;

/// <summary>
/// The words that name a session's kind and audience in content files (<c>kind: atelier</c>) and in the
/// programme's filters (<c>data-kind="atelier"</c>): one table each, read in both directions, so that a
/// word editors write is the word the filters match.
/// </summary>
public static class Slugs
{
    /// <summary>Each kind by its word, in the order error messages list them.</summary>
    public static readonly IReadOnlyDictionary<string, SessionKind> Kinds = new Dictionary<string, SessionKind>(StringComparer.Ordinal)
    {
        ["table-ronde"] = SessionKind.TableRonde,
        ["atelier"] = SessionKind.Atelier,
        ["demonstration"] = SessionKind.Demonstration,
        ["projection"] = SessionKind.Projection,
        ["exposition"] = SessionKind.Exposition,
        ["masterclass"] = SessionKind.Masterclass,
        ["studio"] = SessionKind.Studio,
    };

    /// <summary>Each audience by its word, in the order error messages list them.</summary>
    public static readonly IReadOnlyDictionary<string, Audience> Audiences = new Dictionary<string, Audience>(StringComparer.Ordinal)
    {
        ["tout-public"] = Audience.ToutPublic,
        ["adultes"] = Audience.Adultes,
        ["familles"] = Audience.Familles,
        ["jeune-public"] = Audience.JeunePublic,
    };

    private static readonly Dictionary<SessionKind, string> KindWords = Kinds.ToDictionary(p => p.Value, p => p.Key);

    private static readonly Dictionary<Audience, string> AudienceWords = Audiences.ToDictionary(p => p.Value, p => p.Key);

    public static string Of(SessionKind kind) => KindWords[kind];

    public static string Of(Audience audience) => AudienceWords[audience];
}
