using System.Text;

namespace WeekendCulturel.Generator.Rendering;

/// <summary>
/// What the rest of the build needs to know from the rendered pages: the CSS classes they use (for the asset
/// bundle) and the inline scripts they run (for the security policy's hashes). Each render worker fills its
/// own while the page is still in the processor's cache, instead of a second pass over hundreds of
/// megabytes of HTML at the end.
/// </summary>
public sealed class HtmlFacts
{
    private static readonly byte[] ClassAttribute = " class=\""u8.ToArray();
    private static readonly byte[] ScriptOpen = "<script"u8.ToArray();
    private static readonly byte[] ScriptClose = "</script>"u8.ToArray();

    private readonly HashSet<string> _classes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inlineScripts = new(StringComparer.Ordinal);

    public IReadOnlySet<string> Classes => _classes;

    /// <summary>The text of every inline script a browser would run (not JSON-LD, not external scripts).</summary>
    public IReadOnlySet<string> InlineScripts => _inlineScripts;

    /// <summary>Reads one page's UTF-8 bytes.</summary>
    public void Scan(ReadOnlySpan<byte> html)
    {
        ScanClasses(html);
        ScanScripts(html);
    }

    public void Scan(string html) => Scan(Encoding.UTF8.GetBytes(html));

    public void Add(HtmlFacts other)
    {
        _classes.UnionWith(other._classes);
        _inlineScripts.UnionWith(other._inlineScripts);
    }

    private void ScanClasses(ReadOnlySpan<byte> html)
    {
        var lookup = _classes.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> name = stackalloc char[128];
        var rest = html;
        while (true)
        {
            var at = rest.IndexOf(ClassAttribute);
            if (at < 0)
            {
                return;
            }

            rest = rest[(at + ClassAttribute.Length)..];
            var end = rest.IndexOf((byte)'"');
            if (end < 0)
            {
                return;
            }

            foreach (var range in rest[..end].Split((byte)' '))
            {
                var token = rest[range];
                // Class names are ASCII; anything else (or longer) cannot name a DSFR rule.
                if (token.Length == 0 || token.Length > name.Length || !Ascii.IsValid(token))
                {
                    continue;
                }

                Ascii.ToUtf16(token, name, out var written);
                if (!lookup.Contains(name[..written]))
                {
                    lookup.Add(name[..written]);
                }
            }

            rest = rest[end..];
        }
    }

    private void ScanScripts(ReadOnlySpan<byte> html)
    {
        var rest = html;
        while (true)
        {
            var at = rest.IndexOf(ScriptOpen);
            if (at < 0)
            {
                return;
            }

            rest = rest[(at + ScriptOpen.Length)..];
            var tagEnd = rest.IndexOf((byte)'>');
            var close = rest.IndexOf(ScriptClose);
            if (tagEnd < 0 || close < tagEnd)
            {
                return;
            }

            var attributes = rest[..tagEnd];
            if (attributes.IndexOf("src="u8) < 0 && attributes.IndexOf("application/ld"u8) < 0)
            {
                _inlineScripts.Add(Encoding.UTF8.GetString(rest[(tagEnd + 1)..close]));
            }

            rest = rest[(close + ScriptClose.Length)..];
        }
    }
}
