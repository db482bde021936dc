using WeekendCulturel.Generator.Rendering;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Loading;

/// <summary>Reads a venue (<c>venues/id.md</c> and its translation): its texts, postal address and map point.</summary>
internal sealed class VenueReader(ItemText text)
{
    private static readonly string[] FrenchOnly = ["address", "geo"];

    public Venue? Read(SourceDocument fr, SourceDocument? en, Action<InternalLink> addLink)
    {
        if (fr.FrontMatter is not { } y)
        {
            return null;
        }

        var frText = ReadText(fr, y, Lang.Fr, addLink);
        PostalAddress? address = null;
        if (y.Object("address", required: true) is { } a)
        {
            var street = a.String("street", required: true);
            var postalCode = a.String("postalCode", required: true);
            var city = a.String("city", required: true);
            a.Complete();
            address = street is null || postalCode is null || city is null ? null : new PostalAddress(street, postalCode, city);
        }

        GeoPoint? geo = null;
        if (y.Object("geo") is { } g)
        {
            var lat = g.Number("lat", required: true);
            var lon = g.Number("lon", required: true);
            g.Complete();
            geo = lat is null || lon is null ? null : new GeoPoint(lat.Value, lon.Value);
        }

        y.Complete();
        var enText = ItemText.Translation(fr, en, FrenchOnly, (document, ey) => ReadText(document, ey, Lang.En, addLink));

        return frText is null || address is null ? null : new Venue(fr.Id, new Translated<VenueText>(frText, enText), address, geo);
    }

    private VenueText? ReadText(SourceDocument document, YamlObject y, Lang lang, Action<InternalLink> addLink)
    {
        var name = y.String("name", required: true);
        var shortName = y.String("shortName");
        var access = y.StringList("access", required: true).Select(s => ItemText.Typeset(s.Value, lang)).ToList();
        var accessibility = y.StringList("accessibility", required: true).Select(s => ItemText.Typeset(s.Value, lang)).ToList();
        var hours = y.String("hours");
        var body = text.Body(document, lang, addLink);
        return name is null
            ? null
            : new VenueText(ItemText.Typeset(name, lang), ItemText.Typeset(shortName ?? name, lang), access, accessibility, hours is null ? null : ItemText.Typeset(hours, lang), body);
    }
}
