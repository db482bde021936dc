namespace WeekendCulturel.Contract;

/// <summary>
/// The page shell is a page of the site (its header, footer and stylesheet) built by the generator with these
/// two markers in it; the registration API writes its own pages into a copy of it, replacing each marker.
/// </summary>
public static class PageShellMarkers
{
    /// <summary>Stands for the page's title, inside the <c>title</c> element.</summary>
    public const string Title = "@@wc-title@@";

    /// <summary>Stands for the page's content, inside the <c>main</c> element.</summary>
    public const string Main = "<!--wc:main-->";
}
