using System.Text;

namespace WeekendCulturel.Generator.Assets;

/// <summary>
/// Drops from a stylesheet the rules that can match nothing because they name a class no page uses. The DSFR
/// core carries thousands of spacing and grid utilities (<c>fr-mt-md-3w</c>, <c>fr-col-offset-lg-2</c>...) of
/// which a site uses a few dozen; they are most of its weight. Classes inside parentheses
/// (<c>:not(.x)</c>, <c>:is(.x)</c>) and at-rules other than <c>@media</c>/<c>@supports</c> are left alone:
/// pruning only ever removes what is certain not to apply.
/// </summary>
public static class CssPruner
{
    public static string Prune(string css, Func<string, bool> keepClass)
    {
        var output = new StringBuilder(css.Length / 2);
        PruneBlock(css.AsSpan(), keepClass, output);
        return output.ToString();
    }

    private static void PruneBlock(ReadOnlySpan<char> css, Func<string, bool> keepClass, StringBuilder output)
    {
        var at = 0;
        while (at < css.Length)
        {
            // Comments (the licence banner) are kept as they are.
            if (css[at..].StartsWith("/*"))
            {
                var close = css[at..].IndexOf("*/");
                var end = close < 0 ? css.Length : at + close + 2;
                output.Append(css[at..end]);
                at = end;
                continue;
            }

            if (char.IsWhiteSpace(css[at]))
            {
                at++;
                continue;
            }

            var open = IndexOutsideStrings(css, at, '{');
            var semicolon = IndexOutsideStrings(css, at, ';');
            if (css[at] == '@' && semicolon >= 0 && (open < 0 || semicolon < open))
            {
                // @charset, @import, @layer a, b;
                output.Append(css[at..(semicolon + 1)]);
                at = semicolon + 1;
                continue;
            }

            if (open < 0)
            {
                output.Append(css[at..]);
                return;
            }

            var closeBrace = MatchingBrace(css, open);
            var prelude = css[at..open];
            var body = css[(open + 1)..closeBrace];
            if (prelude.StartsWith("@media") || prelude.StartsWith("@supports"))
            {
                var inner = new StringBuilder();
                PruneBlock(body, keepClass, inner);
                if (inner.Length > 0)
                {
                    output.Append(prelude).Append('{').Append(inner).Append('}');
                }
            }
            else if (prelude.StartsWith("@"))
            {
                output.Append(css[at..(closeBrace + 1)]);
            }
            else
            {
                var kept = SplitSelectors(prelude).Where(selector => ClassesOutsideParentheses(selector).All(keepClass)).ToList();
                if (kept.Count > 0)
                {
                    output.AppendJoin(',', kept).Append('{').Append(body).Append('}');
                }
            }

            at = closeBrace + 1;
        }
    }

    private static int IndexOutsideStrings(ReadOnlySpan<char> css, int from, char wanted)
    {
        for (var i = from; i < css.Length; i++)
        {
            var c = css[i];
            if (c is '"' or '\'')
            {
                i = EndOfString(css, i);
            }
            else if (c == wanted)
            {
                return i;
            }
            else if (c == '}' && wanted != '}')
            {
                // The end of the enclosing block comes first.
                return -1;
            }
        }

        return -1;
    }

    private static int MatchingBrace(ReadOnlySpan<char> css, int open)
    {
        var depth = 0;
        for (var i = open; i < css.Length; i++)
        {
            switch (css[i])
            {
                case '"' or '\'':
                    i = EndOfString(css, i);
                    break;
                case '{':
                    depth++;
                    break;
                case '}' when --depth == 0:
                    return i;
            }
        }

        throw new FormatException("unbalanced braces in a stylesheet");
    }

    /// <summary>The index of the quote that closes the string opening at <paramref name="open"/>.</summary>
    internal static int EndOfString(ReadOnlySpan<char> css, int open)
    {
        for (var i = open + 1; i < css.Length; i++)
        {
            if (css[i] == '\\')
            {
                i++;
            }
            else if (css[i] == css[open])
            {
                return i;
            }
        }

        return css.Length;
    }

    private static List<string> SplitSelectors(ReadOnlySpan<char> prelude)
    {
        var selectors = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < prelude.Length; i++)
        {
            switch (prelude[i])
            {
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    selectors.Add(prelude[start..i].Trim().ToString());
                    start = i + 1;
                    break;
            }
        }

        selectors.Add(prelude[start..].Trim().ToString());
        return selectors;
    }

    private static IEnumerable<string> ClassesOutsideParentheses(string selector)
    {
        var depth = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            var c = selector[i];
            if (c is '(' or '[')
            {
                depth++;
            }
            else if (c is ')' or ']')
            {
                depth--;
            }
            else if (c == '.' && depth == 0 && i + 1 < selector.Length && (char.IsLetter(selector[i + 1]) || selector[i + 1] is '-' or '_'))
            {
                var end = i + 1;
                while (end < selector.Length && (char.IsLetterOrDigit(selector[end]) || selector[end] is '-' or '_' || (selector[end] == '\\' && end + 1 < selector.Length)))
                {
                    end += selector[end] == '\\' ? 2 : 1;
                }

                yield return selector[(i + 1)..end].Replace("\\", "", StringComparison.Ordinal);
                i = end - 1;
            }
        }
    }
}
