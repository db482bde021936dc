using System.Text;

namespace WeekendCulturel.Generator.Rendering;

/// <summary>
/// French punctuation as it is printed: a no-break space before the colon and inside « guillemets », a narrow
/// no-break space before ; ? and !, and the typographic apostrophe. Editors type ordinary spaces; this puts the right ones in, so a line never
/// breaks before a colon or leaves a guillemet alone at a line's start.
/// </summary>
public static class FrenchTypography
{
    public const char NoBreakSpace = '\u00A0';
    public const char NarrowNoBreakSpace = '\u202F';

    public static string Apply(string text)
    {
        if (text.AsSpan().IndexOfAny(":;?!«»'") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ':' or ';' or '?' or '!':
                    var space = c == ':' ? NoBreakSpace : NarrowNoBreakSpace;
                    if (builder.Length > 0 && IsBreakableSpace(builder[^1]))
                    {
                        builder[^1] = space;
                    }

                    builder.Append(c);
                    break;
                case '\'' when builder.Length > 0 && char.IsLetter(builder[^1]) && i + 1 < text.Length && char.IsLetter(text[i + 1]):
                    // The typewriter apostrophe between two letters is the typographic one (l’IA).
                    builder.Append('’');
                    break;
                case '«':
                    builder.Append(c).Append(NoBreakSpace);
                    while (i + 1 < text.Length && IsAnySpace(text[i + 1]))
                    {
                        i++;
                    }

                    break;
                case '»':
                    while (builder.Length > 0 && IsAnySpace(builder[^1]))
                    {
                        builder.Length--;
                    }

                    builder.Append(NoBreakSpace).Append(c);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    private static bool IsBreakableSpace(char c) => c is ' ' or '\t';

    private static bool IsAnySpace(char c) => c is ' ' or '\t' or NoBreakSpace or NarrowNoBreakSpace;
}
