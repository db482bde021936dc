using WeekendCulturel.Generator.Rendering;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Loading;

/// <summary>Reads a speaker (<c>speakers/id.md</c> and its translation): a name in French only, a role and a biography.</summary>
internal sealed class SpeakerReader(ItemText text)
{
    private static readonly string[] FrenchOnly = ["name"];

    public Speaker? Read(SourceDocument fr, SourceDocument? en, Action<InternalLink> addLink)
    {
        if (fr.FrontMatter is not { } y)
        {
            return null;
        }

        var name = y.String("name", required: true);
        var frText = ReadText(fr, y, Lang.Fr, addLink);
        y.Complete();
        var enText = ItemText.Translation(fr, en, FrenchOnly, (document, ey) => ReadText(document, ey, Lang.En, addLink));

        return name is null || frText is null ? null : new Speaker(fr.Id, name, new Translated<SpeakerText>(frText, enText));
    }

    private SpeakerText? ReadText(SourceDocument document, YamlObject y, Lang lang, Action<InternalLink> addLink)
    {
        var role = y.String("role", required: true);
        var organisation = y.String("organisation");
        var body = text.Body(document, lang, addLink);
        return role is null ? null : new SpeakerText(ItemText.Typeset(role, lang), organisation is null ? null : ItemText.Typeset(organisation, lang), body);
    }
}
