using WeekendCulturel.Generator.Diagnostics;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Loading;

/// <summary>Reads <c>site.yml</c>: the event's name, days, address, organiser, contact, networks and notices.</summary>
internal static class SiteInfoReader
{
    private static readonly Dictionary<string, RgaaStatus> RgaaStatuses = new()
    {
        ["non-conforme"] = RgaaStatus.NonConforme,
        ["partiellement-conforme"] = RgaaStatus.PartiellementConforme,
        ["totalement-conforme"] = RgaaStatus.TotalementConforme,
    };

    private static readonly Dictionary<string, int> SocialNetworks = new()
    {
        ["x"] = 0,
        ["facebook"] = 1,
        ["instagram"] = 2,
        ["linkedin"] = 3,
        ["youtube"] = 4,
        ["bluesky"] = 5,
    };

    public static SiteInfo? Read(string path, string displayPath, DiagnosticBag diagnostics)
    {
        if (!File.Exists(path))
        {
            diagnostics.Error(displayPath, 1, 1, "site.yml is missing: it describes the event");
            return null;
        }

        var y = SourceDocument.ParseYaml(SourceDocument.ReadText(path, displayPath, diagnostics), displayPath, 0, diagnostics);
        if (y is null)
        {
            return null;
        }

        var name = y.Localized("name", required: true);
        var tagline = y.Localized("tagline", required: true);
        var description = y.Localized("description", required: true);
        var days = new List<EventDay>();
        foreach (var d in y.ObjectList("days", required: true))
        {
            var date = d.Date("date", required: true);
            var title = d.Localized("title", required: true);
            var venue = d.String("venue", required: true);
            var summary = d.Localized("summary", required: true);
            d.Complete();
            if (date is not null && title is not null && venue is not null && summary is not null)
            {
                days.Add(new EventDay(date.Value, ItemText.TypesetFrench(title), venue, ItemText.TypesetFrench(summary)));
            }
        }

        Uri? baseUrl = null;
        if (y.String("baseUrl", required: true) is { } url)
        {
            if (Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http")
            {
                baseUrl = parsed;
            }
            else
            {
                var (line, column) = y.PositionOf("baseUrl");
                diagnostics.Error(displayPath, line, column, $"'baseUrl' must be an absolute https address, not '{url}'");
            }
        }

        var languages = y.StringList("languages", required: true);
        foreach (var (value, node) in languages)
        {
            if (value is not ("fr" or "en"))
            {
                y.Error(node, $"unsupported language '{value}': the site is written in fr and en");
            }
        }

        LocalizedText? organiserName = null;
        string? organiserUrl = null;
        if (y.Object("organiser", required: true) is { } organiser)
        {
            organiserName = organiser.Localized("name", required: true);
            organiserUrl = organiser.String("url", required: true);
            organiser.Complete();
        }

        string? email = null;
        if (y.Object("contact", required: true) is { } contact)
        {
            email = contact.String("email", required: true);
            contact.Complete();
        }

        var social = new List<SocialLink>();
        foreach (var s in y.ObjectList("social"))
        {
            var network = s.Choice("network", SocialNetworks, required: true);
            var link = s.String("url", required: true);
            s.Complete();
            if (network is not null && link is not null)
            {
                social.Add(new SocialLink(SocialNetworks.First(n => n.Value == network.Value).Key, link));
            }
        }

        DateTime? opens = null;
        if (y.Object("registration", required: true) is { } registration)
        {
            opens = registration.LocalDateTime("opens", required: true);
            registration.Complete();
        }

        RgaaStatus? rgaa = null;
        if (y.Object("accessibility", required: true) is { } accessibility)
        {
            rgaa = accessibility.Choice("status", RgaaStatuses, required: true);
            accessibility.Complete();
        }

        var notice = y.Localized("notice", required: true);
        var closing = y.Localized("closing");
        y.Complete();

        if (name is null || tagline is null || description is null || baseUrl is null || organiserName is null || organiserUrl is null
            || email is null || opens is null || rgaa is null || notice is null || days.Count == 0)
        {
            return null;
        }

        return new SiteInfo(
            ItemText.TypesetFrench(name), ItemText.TypesetFrench(tagline), ItemText.TypesetFrench(description), days, baseUrl, organiserName, organiserUrl, email, social,
            opens.Value, rgaa.Value, ItemText.TypesetFrench(notice), closing is null ? null : ItemText.TypesetFrench(closing));
    }
}
