namespace WeekendCulturel.Theme.Model;

/// <summary>A language of the site. French is the reference; English pages translate it.</summary>
public enum Lang
{
    Fr,
    En,
}

public static class LangExtensions
{
    public static string Code(this Lang lang) => lang == Lang.Fr ? "fr" : "en";

    public static string Culture(this Lang lang) => lang == Lang.Fr ? "fr-FR" : "en-GB";

    public static Lang Other(this Lang lang) => lang == Lang.Fr ? Lang.En : Lang.Fr;
}

/// <summary>A short text written in both languages in a YAML file (<c>{ fr: ..., en: ... }</c>).</summary>
public sealed record LocalizedText(string Fr, string En)
{
    public string this[Lang lang] => lang == Lang.Fr ? Fr : En;
}

/// <summary>
/// What a content file says in each language: the French version always, the English one when its
/// <c>.en.md</c> twin exists. Pages without a translation fall back to French.
/// </summary>
public sealed record Translated<T>(T Fr, T? En)
    where T : class
{
    public T For(Lang lang) => lang == Lang.En ? En ?? Fr : Fr;

    public bool Has(Lang lang) => lang == Lang.Fr || En is not null;
}
