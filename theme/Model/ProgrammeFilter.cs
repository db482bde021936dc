namespace WeekendCulturel.Theme.Model;

/// <summary>
/// One filter of the programme: the address parameter its radio buttons set (<c>?format=atelier</c>, so a
/// filtered programme can be shared), the session card's <c>data-*</c> attribute it matches, and the value a
/// session has there. The page, the generated CSS that filters without JavaScript, and the script (which
/// reads the pairs from the page) all start from here.
/// </summary>
public sealed class ProgrammeFilter
{
    public static readonly ProgrammeFilter Kind = new("format", "kind", s => Slugs.Of(s.Kind));
    public static readonly ProgrammeFilter Venue = new("lieu", "venue", s => s.VenueId);
    public static readonly ProgrammeFilter Audience = new("public", "audience", s => Slugs.Of(s.Audience));

    public static IReadOnlyList<ProgrammeFilter> All { get; } = [Kind, Venue, Audience];

    private ProgrammeFilter(string parameter, string cardKey, Func<Session, string> valueOf) =>
        (Parameter, CardKey, ValueOf) = (parameter, cardKey, valueOf);

    /// <summary>The radio buttons' name, and the address parameter.</summary>
    public string Parameter { get; }

    /// <summary>The card's attribute as the script's <c>dataset</c> reads it (<c>kind</c> for <c>data-kind</c>).</summary>
    public string CardKey { get; }

    public string CardAttribute => $"data-{CardKey}";

    public Func<Session, string> ValueOf { get; }

    /// <summary>The attributes a session's card carries, one per filter.</summary>
    public static IReadOnlyDictionary<string, object> CardAttributes(Session session) =>
        All.ToDictionary(f => f.CardAttribute, f => (object)f.ValueOf(session));
}
