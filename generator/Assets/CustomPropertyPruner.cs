using System.Text;
using System.Text.RegularExpressions;

namespace WeekendCulturel.Generator.Assets;

/// <summary>
/// Drops the declarations of custom properties (<c>--name: value</c>) that nothing reads. The DSFR defines
/// about a thousand colour and spacing tokens on <c>:root</c>, for its light and dark themes, of which a site
/// reads a few hundred at most: the others cost every visitor their download, their parsing, and a larger
/// root style that every element inherits. A property is read when a <c>var(--name)</c> outside the
/// declarations of custom properties names it, or when the value of a property that is read names it, and
/// so on; a <c>var(</c> in the extra sources (the site's script) counts too. Everything else is kept as it is.
/// </summary>
public static partial class CustomPropertyPruner
{
    public static string Prune(string css, string otherSources = "")
    {
        var declarations = Declarations(css);
        if (declarations.Count == 0)
        {
            return css;
        }

        var read = new HashSet<string>(StringComparer.Ordinal);
        var outside = new StringBuilder(css.Length);
        var from = 0;
        foreach (var d in declarations)
        {
            outside.Append(css, from, d.Start - from);
            from = d.End;
        }

        outside.Append(css, from, css.Length - from).Append('\n').Append(otherSources);
        foreach (Match reference in VarReference().Matches(outside.ToString()))
        {
            read.Add(reference.Groups[1].Value);
        }

        // What a read property's value reads is read too, until nothing new turns up.
        var values = declarations.ToLookup(d => d.Name, d => css[d.ValueStart..d.End], StringComparer.Ordinal);
        var pending = new Stack<string>(read);
        while (pending.TryPop(out var name))
        {
            foreach (var value in values[name])
            {
                foreach (Match reference in VarReference().Matches(value))
                {
                    if (read.Add(reference.Groups[1].Value))
                    {
                        pending.Push(reference.Groups[1].Value);
                    }
                }
            }
        }

        var output = new StringBuilder(css.Length);
        from = 0;
        foreach (var d in declarations.Where(d => !read.Contains(d.Name)))
        {
            output.Append(css, from, d.Start - from);

            // The declaration's own ';' goes with it; a last declaration has none, and the ';' before it stays,
            // which CSS allows.
            from = d.End < css.Length && css[d.End] == ';' ? d.End + 1 : d.End;
        }

        output.Append(css, from, css.Length - from);
        return output.ToString();
    }

    /// <summary>A custom property's declaration: from its name to the end of its value (before ';' or '}').</summary>
    private readonly record struct Declaration(int Start, int ValueStart, int End, string Name);

    private static List<Declaration> Declarations(string css)
    {
        var found = new List<Declaration>();

        // After '{' or ';' (and any spaces or comments), a declaration may start; a selector never starts with "--".
        var mayStart = false;
        var at = 0;
        while (at < css.Length)
        {
            var c = css[at];
            if (IsCommentAt(css, at))
            {
                at = AfterComment(css, at);
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                at++;
                continue;
            }

            if (mayStart && c == '-' && CustomPropertyName().Match(css, at) is { Success: true } name)
            {
                var valueStart = at + name.Length;
                var end = EndOfValue(css, valueStart);
                found.Add(new Declaration(at, valueStart, end, name.Groups[1].Value));
                at = end;
                mayStart = false;
                continue;
            }

            mayStart = c is '{' or ';';
            at = c is '"' or '\'' ? AfterString(css, at) : at + 1;
        }

        return found;
    }

    /// <summary>Where a value ends: the first ';' or '}' outside brackets, strings and comments.</summary>
    private static int EndOfValue(string css, int at)
    {
        var depth = 0;
        while (at < css.Length)
        {
            var c = css[at];
            if (c is '"' or '\'')
            {
                at = AfterString(css, at);
                continue;
            }

            if (IsCommentAt(css, at))
            {
                at = AfterComment(css, at);
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' || (c == '}' && depth > 0))
            {
                depth--;
            }
            else if (depth == 0 && c is ';' or '}')
            {
                return at;
            }

            at++;
        }

        return at;
    }

    private static int AfterString(string css, int open) => Math.Min(CssPruner.EndOfString(css, open) + 1, css.Length);

    private static bool IsCommentAt(string css, int at) => css[at] == '/' && at + 1 < css.Length && css[at + 1] == '*';

    private static int AfterComment(string css, int open)
    {
        var close = css.IndexOf("*/", open + 2, StringComparison.Ordinal);
        return close < 0 ? css.Length : close + 2;
    }

    [GeneratedRegex(@"\G(--[A-Za-z0-9_-]+)\s*:")]
    private static partial Regex CustomPropertyName();

    [GeneratedRegex(@"var\(\s*(--[A-Za-z0-9_-]+)")]
    private static partial Regex VarReference();
}
