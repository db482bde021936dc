namespace WeekendCulturel.Theme.Model;

/// <summary>The fingerprinted addresses of the built assets.</summary>
public sealed record AssetUrls(string Stylesheet, string Script, string Favicon);

/// <summary>What every page of one build shares: the content, the assets and the moment the site is built for.</summary>
public sealed record RenderContext(SiteContent Content, AssetUrls Assets, DateTimeOffset Now, Uri BaseUrl)
{
    public SiteInfo Site => Content.Site;

    public string Absolute(string path) => new Uri(BaseUrl, path.TrimStart('/')).AbsoluteUri;

    public Venue? VenueOf(Session session) => Content.Venues.GetValueOrDefault(session.VenueId);

    public IEnumerable<Speaker> SpeakersOf(Session session) =>
        session.SpeakerIds.Select(id => Content.Speakers.GetValueOrDefault(id)).OfType<Speaker>();

    public ContentPage? Page(string id) => Content.Pages.GetValueOrDefault(id);
}

/// <summary>A crumb of the breadcrumb trail.</summary>
public sealed record Crumb(string Label, string Path);

/// <summary>What the layout needs to know about one page.</summary>
public sealed record PageMeta(
    Lang Lang,
    string Path,
    string? AlternatePath,
    string Title,
    string Description,
    IReadOnlyList<Crumb> Breadcrumb,
    string? JsonLd = null,
    string OgType = "website",
    bool Indexable = true);
