using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using WeekendCulturel.Generator.Writing;
using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Assets;

/// <summary>What the bundler made: the files to publish and the addresses pages use for them.</summary>
public sealed record AssetBundle(AssetUrls Urls, IReadOnlyList<OutputFile> Files);

/// <summary>
/// Builds the site's one stylesheet from the parts of the DSFR the pages actually use (found from the classes
/// in the rendered HTML) plus the theme's own styles, publishes the theme's script (which does the little the
/// DSFR's scripts would do here, see <c>theme/assets/js/</c>), and gives every published asset a fingerprinted
/// name so it can be cached for ever.
/// </summary>
public sealed partial class AssetBundler(ThemeFiles theme)
{
    /// <summary>Placeholders the pages are rendered with, replaced by the fingerprinted addresses afterwards.</summary>
    // Each as long as the address it stands for (a fingerprint is ten hexadecimal digits), so that linking a
    // page overwrites a few bytes in place instead of copying hundreds of megabytes of pages.
    public static readonly AssetUrls Placeholders = new(
        "/assets/site.__________.css",
        "/assets/site.__________.js",
        "/assets/dsfr/favicon/favicon.__________.svg");

    private const string Unfingerprinted = ".__________.";

    // DSFR components in the cascade order of the full bundle, each with the class prefixes that call for it.
    private static readonly (string Component, string[] Prefixes)[] Components =
    [
        ("link", ["fr-link", "fr-links-group"]),
        ("button", ["fr-btn"]),
        ("badge", ["fr-badge"]),
        ("tag", ["fr-tag"]),
        ("skiplink", ["fr-skiplinks"]),
        ("logo", ["fr-logo"]),
        ("callout", ["fr-callout"]),
        ("form", ["fr-fieldset", "fr-label", "fr-hint-text", "fr-message", "fr-error-text", "fr-valid-text"]),
        ("radio", ["fr-radio"]),
        ("checkbox", ["fr-checkbox"]),
        ("input", ["fr-input"]),
        ("select", ["fr-select"]),
        ("table", ["fr-table"]),
        ("alert", ["fr-alert"]),
        ("notice", ["fr-notice"]),
        ("card", ["fr-card"]),
        ("tile", ["fr-tile"]),
        ("breadcrumb", ["fr-breadcrumb"]),
        ("modal", ["fr-modal"]),
        ("navigation", ["fr-nav"]),
        ("display", ["fr-display"]),
        ("follow", ["fr-follow"]),
        ("footer", ["fr-footer"]),
        ("header", ["fr-header"]),
    ];

    // Classes that the site's script sets on the DSFR's components (an open dialog, an unfolded breadcrumb) and a few
    // core utilities worth keeping whatever the pages say: never in the rendered HTML, always kept.
    private static readonly string[] RuntimePrefixes = ["fr-modal--opened", "fr-collapse", "fr-hidden", "fr-unhidden", "fr-enlarge", "fr-sr-only"];

    private static readonly ConcurrentDictionary<string, string> DsfrCache = new(StringComparer.Ordinal);

    // serve rebuilds after every save; most edits change no class and no theme file, so the last bundle stands.
    private (string Key, AssetBundle Bundle)? _last;

    /// <summary>Builds the bundle for the classes the pages use (see <see cref="Rendering.HtmlFacts"/>).</summary>
    public AssetBundle Build(IReadOnlySet<string> usedClasses, string generatedCss)
    {
        var classes = new HashSet<string>(usedClasses, StringComparer.Ordinal);
        classes.UnionWith(DynamicClasses());
        var siteCss = File.ReadAllText(theme.SiteCss);
        var siteJs = Script();
        var key = string.Join(' ', classes.Order(StringComparer.Ordinal)) + "\n" + siteCss + "\n" + siteJs + "\n" + generatedCss;
        if (_last is { } last && last.Key == key)
        {
            return last.Bundle;
        }

        var bundle = Build(classes, siteCss, siteJs, generatedCss);
        _last = (key, bundle);
        return bundle;
    }

    private AssetBundle Build(HashSet<string> classes, string siteCss, string siteJs, string generatedCss)
    {
        var files = new Dictionary<string, OutputFile>(StringComparer.Ordinal);

        var css = new StringBuilder();
        // The core and the components are pruned to the classes the pages use, plus those the script sets.
        Func<string, bool> used = c => !c.StartsWith("fr-", StringComparison.Ordinal) || classes.Contains(c) || RuntimePrefixes.Any(p => c.StartsWith(p, StringComparison.Ordinal));
        AppendCss(css, "core/core.main.min.css", files, used);
        AppendCss(css, "scheme/scheme.min.css", files);
        foreach (var (component, prefixes) in Components)
        {
            if (Uses(classes, prefixes))
            {
                // Most components ship a ".main" file without the legacy and print parts; a few only the whole.
                var main = $"component/{component}/{component}.main.min.css";
                AppendCss(css, File.Exists(Path.Combine(theme.DsfrDist, main)) ? main : $"component/{component}/{component}.min.css", files, used);
            }
        }

        AppendIcons(css, classes, files);
        AppendCss(css, "core/core.print.min.css", files);
        css.Append('\n').Append(siteCss).Append('\n').Append(generatedCss);
        var stylesheet = Fingerprinted("assets/site.css", Encoding.UTF8.GetBytes(CustomPropertyPruner.Prune(css.ToString(), siteJs)), files);

        var script = Fingerprinted("assets/site.js", Encoding.UTF8.GetBytes(siteJs), files);
        var favicon = CopyDsfr("favicon/favicon.svg", files);
        return new AssetBundle(new AssetUrls(stylesheet, script, favicon), [.. files.Values]);
    }

    /// <summary>Swaps the placeholders for the real addresses in a rendered page.</summary>
    public static string Link(string html, AssetUrls urls) => Encoding.UTF8.GetString(Link(Encoding.UTF8.GetBytes(html), urls));

    /// <summary>
    /// Writes the real fingerprints over the placeholders of a rendered page's UTF-8 bytes, in place, and
    /// returns the same array.
    /// </summary>
    public static byte[] Link(byte[] html, AssetUrls urls)
    {
        foreach (var (slot, kind) in PlaceholderSlots(html))
        {
            Encoding.ASCII.GetBytes(FingerprintOf(urls, kind), html.AsSpan(slot, 10));
        }

        return html;
    }

    /// <summary>Where a page's placeholders leave room for a fingerprint, and which asset each stands for.</summary>
    public static (int Slot, int Kind)[] PlaceholderSlots(ReadOnlySpan<byte> html)
    {
        var marker = Unfingerprinted.Select(c => (byte)c).ToArray();
        var slots = new List<(int, int)>();
        var from = 0;
        while (from < html.Length && html[from..].IndexOf(marker) is var found && found >= 0)
        {
            var at = from + found;
            for (var kind = 0; kind < PlaceholderList.Length; kind++)
            {
                var placeholder = PlaceholderList[kind];
                var start = at - placeholder.IndexOf(Unfingerprinted, StringComparison.Ordinal);
                if (start >= 0 && start + placeholder.Length <= html.Length && Ascii.Equals(html.Slice(start, placeholder.Length), placeholder))
                {
                    slots.Add((at + 1, kind));
                    break;
                }
            }

            from = at + 1;
        }

        return [.. slots];
    }

    /// <summary>The fingerprint of one of the assets, checked to fit its placeholder.</summary>
    public static string FingerprintOf(AssetUrls urls, int kind)
    {
        var url = new[] { urls.Stylesheet, urls.Script, urls.Favicon }[kind];
        var dot = url.LastIndexOf('.');
        var hash = url[(dot - 10)..dot];
        return url == PlaceholderList[kind].Replace(Unfingerprinted, "." + hash + ".", StringComparison.Ordinal)
            ? hash
            : throw new InvalidOperationException($"the asset {url} does not fit its placeholder {PlaceholderList[kind]}");
    }

    private static readonly string[] PlaceholderList = [Placeholders.Stylesheet, Placeholders.Script, Placeholders.Favicon];

    /// <summary>
    /// The site's one script: the theme's script files in ordinal order of their names, each a behaviour that
    /// enhances pages which already work without JavaScript, after the helpers they share (the files whose names
    /// start with "_", which sort first). The page loads it as a module, so what a file declares at its top
    /// stays inside the script.
    /// </summary>
    private string Script()
    {
        var script = new StringBuilder();
        foreach (var file in Directory.GetFiles(theme.ScriptModules, "*.js").Order(StringComparer.Ordinal))
        {
            script.Append(script.Length == 0 ? "" : "\n").Append(File.ReadAllText(file));
        }

        return script.ToString();
    }

    private IEnumerable<string> DynamicClasses() => File.Exists(theme.DynamicClasses)
        ? File.ReadLines(theme.DynamicClasses).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
        : [];

    private static bool Uses(HashSet<string> classes, string[] prefixes) =>
        classes.Any(c => prefixes.Any(p => c.StartsWith(p, StringComparison.Ordinal)));

    /// <summary>Keeps, from the DSFR's icon utilities, only the rules of the icons the pages show.</summary>
    private void AppendIcons(StringBuilder css, HashSet<string> classes, Dictionary<string, OutputFile> files)
    {
        var icons = classes.Where(c => c.StartsWith("fr-icon-", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        if (icons.Count == 0)
        {
            return;
        }

        var directory = Path.Combine(theme.DsfrDist, "utility", "icons");
        foreach (var file in Directory.GetDirectories(directory).Order(StringComparer.Ordinal).Select(d => Path.Combine(d, Path.GetFileName(d) + ".main.min.css")).Where(File.Exists))
        {
            var relative = Path.GetRelativePath(theme.DsfrDist, file).Replace('\\', '/');
            foreach (Match rule in CssRule().Matches(ReadDsfr(relative)))
            {
                var selectors = rule.Groups[1].Value;
                if (IconSelector().Matches(selectors).Any(m => icons.Contains(m.Value)))
                {
                    css.Append(RewriteUrls(rule.Value, relative, files));
                }
            }
        }
    }

    private void AppendCss(StringBuilder css, string relative, Dictionary<string, OutputFile> files, Func<string, bool>? keepClass = null)
    {
        var text = ReadDsfr(relative);
        if (keepClass is not null)
        {
            text = CssPruner.Prune(text, keepClass);
        }

        if (text.StartsWith("/*!", StringComparison.Ordinal) && css.Length > 0)
        {
            // One licence banner at the top is enough.
            text = text[(text.IndexOf("*/", StringComparison.Ordinal) + 2)..];
        }

        css.Append(RewriteUrls(text, relative, files)).Append('\n');
    }

    /// <summary>Copies each file a stylesheet refers to, fingerprinted, and points the stylesheet at the copy.</summary>
    private string RewriteUrls(string css, string cssRelative, Dictionary<string, OutputFile> files) =>
        CssUrl().Replace(css, match =>
        {
            var target = match.Groups[1].Value.Trim('\'', '"');
            if (target.StartsWith("data:", StringComparison.Ordinal) || target.StartsWith('#'))
            {
                return match.Value;
            }

            var resolved = Path.GetRelativePath(theme.DsfrDist, Path.GetFullPath(Path.Combine(theme.DsfrDist, Path.GetDirectoryName(cssRelative)!, target))).Replace('\\', '/');
            return $"url({CopyDsfr(resolved, files)})";
        });

    private string CopyDsfr(string relative, Dictionary<string, OutputFile> files)
    {
        var bytes = File.ReadAllBytes(Path.Combine(theme.DsfrDist, relative));
        return Fingerprinted("assets/dsfr/" + relative, bytes, files);
    }

    private static string Fingerprinted(string path, byte[] bytes, Dictionary<string, OutputFile> files)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..10];
        var extension = Path.GetExtension(path);
        var name = path[..^extension.Length] + "." + hash + extension;
        files[name] = new OutputFile(name, bytes);
        return "/" + name;
    }

    private string ReadDsfr(string relative) =>
        DsfrCache.GetOrAdd(Path.Combine(theme.DsfrDist, relative), File.ReadAllText);

    [GeneratedRegex(@"([^{}]+)\{[^{}]*\}")]
    private static partial Regex CssRule();

    [GeneratedRegex(@"fr-icon-[a-z0-9-]+")]
    private static partial Regex IconSelector();

    [GeneratedRegex(@"url\(([^)]+)\)")]
    private static partial Regex CssUrl();
}
