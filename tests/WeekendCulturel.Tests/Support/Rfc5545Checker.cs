using System.Text;
using System.Text.RegularExpressions;

namespace WeekendCulturel.Tests.Support;

/// <summary>
/// Checks an iCalendar stream against RFC 5545 on its own terms, not through the library that wrote it:
/// content lines (CRLF, folding at 75 octets, UTF-8 intact across folds, name, parameters, value), the
/// nesting of components, the properties each component requires, time zones that are defined where they
/// are referred to, and escaped text. Returns every problem found, each with its line.
/// </summary>
public static partial class Rfc5545Checker
{
    /// <summary>A content line once unfolded: where it started, its name, its parameters and its value.</summary>
    public sealed record ContentLine(int Line, string Name, IReadOnlyList<(string Name, string Value)> Parameters, string Value);

    /// <summary>A component, with its properties and the components inside it.</summary>
    public sealed record Component(string Name, int Line, List<ContentLine> Properties, List<Component> Children)
    {
        public IEnumerable<ContentLine> All(string name) => Properties.Where(p => p.Name == name);

        public string? Value(string name) => All(name).FirstOrDefault()?.Value;
    }

    // Properties whose value is TEXT (RFC 5545 3.3.11), or a list of TEXT where a comma separates items.
    private static readonly HashSet<string> Text = ["SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "TZNAME", "X-WR-CALNAME", "X-WR-CALDESC"];
    private static readonly HashSet<string> TextList = ["CATEGORIES", "RESOURCES"];

    public static IReadOnlyList<string> Check(byte[] bytes) => Check(bytes, out _);

    public static IReadOnlyList<string> Check(byte[] bytes, out Component? calendar)
    {
        var problems = new List<string>();
        calendar = null;
        var lines = PhysicalLines(bytes, problems);
        var contentLines = Unfold(lines, problems);
        if (problems.Count > 0)
        {
            return problems;
        }

        calendar = Nest(contentLines, problems);
        if (calendar is not null)
        {
            CheckCalendar(calendar, problems);
        }

        return problems;
    }

    /// <summary>Splits on CRLF; each physical line must be whole UTF-8 of at most 75 octets.</summary>
    private static List<(int Line, string Text)> PhysicalLines(byte[] bytes, List<string> problems)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var result = new List<(int, string)>();
        if (bytes.Length == 0 || bytes[^1] != '\n' || bytes.Length < 2 || bytes[^2] != '\r')
        {
            problems.Add("the stream does not end with CRLF");
        }

        var start = 0;
        var number = 1;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var last = end < 0;
            var stop = last ? bytes.Length : end;
            var lineEnd = stop;
            if (!last)
            {
                if (stop == start || bytes[stop - 1] != '\r')
                {
                    problems.Add($"line {number}: ends with LF alone, not CRLF");
                }
                else
                {
                    lineEnd = stop - 1;
                }
            }

            var octets = bytes.AsSpan(start, lineEnd - start);
            if (octets.IndexOf((byte)'\r') >= 0)
            {
                problems.Add($"line {number}: a CR that does not end the line");
            }

            if (octets.Length > 75)
            {
                problems.Add($"line {number}: {octets.Length} octets, more than 75 without folding");
            }

            try
            {
                result.Add((number, strict.GetString(octets)));
            }
            catch (DecoderFallbackException)
            {
                problems.Add($"line {number}: not whole UTF-8 (a fold inside a character?)");
            }

            start = last ? bytes.Length : end + 1;
            number++;
        }

        return result;
    }

    private static List<ContentLine> Unfold(List<(int Line, string Text)> lines, List<string> problems)
    {
        var logical = new List<(int Line, StringBuilder Text)>();
        foreach (var (number, text) in lines)
        {
            if (text.Length > 0 && text[0] is ' ' or '\t')
            {
                if (logical.Count == 0)
                {
                    problems.Add($"line {number}: a continuation with no line to continue");
                    continue;
                }

                logical[^1].Text.Append(text.AsSpan(1));
            }
            else if (text.Length == 0)
            {
                problems.Add($"line {number}: an empty line");
            }
            else
            {
                logical.Add((number, new StringBuilder(text)));
            }
        }

        var parsed = new List<ContentLine>();
        foreach (var (number, builder) in logical)
        {
            if (Parse(number, builder.ToString(), problems) is { } line)
            {
                parsed.Add(line);
            }
        }

        return parsed;
    }

    /// <summary>contentline = name *(";" param) ":" value (RFC 5545 3.1), with quoted parameter values.</summary>
    private static ContentLine? Parse(int number, string text, List<string> problems)
    {
        var name = NamePattern().Match(text);
        if (!name.Success)
        {
            problems.Add($"line {number}: no property name: {text}");
            return null;
        }

        var at = name.Length;
        var parameters = new List<(string, string)>();
        while (at < text.Length && text[at] == ';')
        {
            var parameter = ParameterPattern().Match(text, at + 1);
            if (!parameter.Success || parameter.Index != at + 1)
            {
                problems.Add($"line {number}: a malformed parameter in: {text}");
                return null;
            }

            parameters.Add((parameter.Groups["name"].Value.ToUpperInvariant(), parameter.Groups["value"].Value.Trim('"')));
            at = parameter.Index + parameter.Length;
        }

        if (at >= text.Length || text[at] != ':')
        {
            problems.Add($"line {number}: no ':' before the value in: {text}");
            return null;
        }

        var value = text[(at + 1)..];
        if (value.Any(c => char.IsControl(c) && c != '\t'))
        {
            problems.Add($"line {number}: a control character in the value");
        }

        return new ContentLine(number, name.Value.ToUpperInvariant(), parameters, value);
    }

    /// <summary>BEGIN and END in pairs, one VCALENDAR around everything.</summary>
    private static Component? Nest(List<ContentLine> lines, List<string> problems)
    {
        var stack = new Stack<Component>();
        Component? root = null;
        foreach (var line in lines)
        {
            if (line.Name == "BEGIN")
            {
                var component = new Component(line.Value.ToUpperInvariant(), line.Line, [], []);
                if (stack.Count == 0)
                {
                    if (root is not null)
                    {
                        problems.Add($"line {line.Line}: a second top-level component");
                    }

                    root = component;
                }
                else
                {
                    stack.Peek().Children.Add(component);
                }

                stack.Push(component);
            }
            else if (line.Name == "END")
            {
                if (stack.Count == 0 || stack.Peek().Name != line.Value.ToUpperInvariant())
                {
                    problems.Add($"line {line.Line}: END:{line.Value} does not close {(stack.Count == 0 ? "anything" : "BEGIN:" + stack.Peek().Name)}");
                    return null;
                }

                stack.Pop();
            }
            else if (stack.Count == 0)
            {
                problems.Add($"line {line.Line}: {line.Name} outside any component");
            }
            else
            {
                stack.Peek().Properties.Add(line);
            }
        }

        if (stack.Count > 0)
        {
            problems.Add($"BEGIN:{stack.Peek().Name} (line {stack.Peek().Line}) is never closed");
            return null;
        }

        if (root?.Name != "VCALENDAR")
        {
            problems.Add("the stream is not one VCALENDAR");
            return null;
        }

        return root;
    }

    private static void CheckCalendar(Component calendar, List<string> problems)
    {
        Once(calendar, "PRODID", problems);
        if (Once(calendar, "VERSION", problems) is { } version && version.Value != "2.0")
        {
            problems.Add($"line {version.Line}: VERSION is {version.Value}, not 2.0");
        }

        var zones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in calendar.Children)
        {
            switch (child.Name)
            {
                case "VTIMEZONE":
                    CheckTimeZone(child, problems);
                    if (child.Value("TZID") is { } id && !zones.Add(id))
                    {
                        problems.Add($"line {child.Line}: a second VTIMEZONE for {id}");
                    }

                    break;
                case "VEVENT":
                    CheckEvent(child, problems);
                    break;
                case "VTODO" or "VJOURNAL" or "VFREEBUSY":
                    break;
                default:
                    if (!child.Name.StartsWith("X-", StringComparison.Ordinal))
                    {
                        problems.Add($"line {child.Line}: {child.Name} cannot be inside VCALENDAR");
                    }

                    break;
            }
        }

        foreach (var line in Everywhere(calendar))
        {
            foreach (var (name, value) in line.Parameters)
            {
                if (name == "TZID" && !zones.Contains(value))
                {
                    problems.Add($"line {line.Line}: {line.Name} refers to TZID {value}, which no VTIMEZONE of the calendar defines");
                }
            }

            CheckValue(line, problems);
        }
    }

    private static void CheckEvent(Component vevent, List<string> problems)
    {
        Once(vevent, "UID", problems);
        Once(vevent, "DTSTAMP", problems);

        // DTSTART is required when the calendar has no METHOD, as here.
        Once(vevent, "DTSTART", problems);
        if (vevent.All("DTEND").Any() && vevent.All("DURATION").Any())
        {
            problems.Add($"line {vevent.Line}: VEVENT has both DTEND and DURATION");
        }

        foreach (var child in vevent.Children.Where(c => c.Name != "VALARM"))
        {
            problems.Add($"line {child.Line}: {child.Name} cannot be inside VEVENT");
        }
    }

    private static void CheckTimeZone(Component zone, List<string> problems)
    {
        Once(zone, "TZID", problems);
        var observances = zone.Children.Where(c => c.Name is "STANDARD" or "DAYLIGHT").ToList();
        if (observances.Count == 0)
        {
            problems.Add($"line {zone.Line}: VTIMEZONE {zone.Value("TZID")} has no STANDARD or DAYLIGHT component");
        }

        foreach (var child in zone.Children.Except(observances))
        {
            problems.Add($"line {child.Line}: {child.Name} cannot be inside VTIMEZONE");
        }

        foreach (var observance in observances)
        {
            Once(observance, "DTSTART", problems);
            foreach (var name in new[] { "TZOFFSETFROM", "TZOFFSETTO" })
            {
                if (Once(observance, name, problems) is { } offset && !OffsetPattern().IsMatch(offset.Value))
                {
                    problems.Add($"line {offset.Line}: {name} '{offset.Value}' is not a UTC offset like +0100");
                }
            }

            if (observance.Value("DTSTART") is { } start && !LocalDateTimePattern().IsMatch(start))
            {
                problems.Add($"line {observance.Line}: an observance's DTSTART must be a local date and time, not '{start}'");
            }
        }
    }

    private static void CheckValue(ContentLine line, List<string> problems)
    {
        if (line.Name is "DTSTART" or "DTEND" or "DTSTAMP" or "CREATED" or "LAST-MODIFIED" or "RECURRENCE-ID")
        {
            var isDate = line.Parameters.Any(p => p is ("VALUE", "DATE"));
            var zoned = line.Parameters.Any(p => p.Name == "TZID");
            var valid = isDate ? DatePattern().IsMatch(line.Value)
                : zoned ? LocalDateTimePattern().IsMatch(line.Value)
                : line.Name is "DTSTART" or "DTEND" or "RECURRENCE-ID" ? DateTimePattern().IsMatch(line.Value)
                : UtcDateTimePattern().IsMatch(line.Value);
            if (!valid)
            {
                problems.Add($"line {line.Line}: {line.Name} '{line.Value}' is not a valid {(isDate ? "DATE" : zoned ? "local DATE-TIME (with TZID)" : "DATE-TIME")}");
            }
        }

        if (line.Name is "RRULE" && !RecurrencePattern().IsMatch(line.Value))
        {
            problems.Add($"line {line.Line}: RRULE '{line.Value}' is not a list of NAME=value parts in ASCII (RFC 5545 3.3.10)");
        }

        if (Text.Contains(line.Name) || TextList.Contains(line.Name))
        {
            var list = TextList.Contains(line.Name);
            for (var i = 0; i < line.Value.Length; i++)
            {
                var c = line.Value[i];
                if (c == '\\')
                {
                    if (i + 1 >= line.Value.Length || line.Value[i + 1] is not ('\\' or ';' or ',' or 'n' or 'N'))
                    {
                        problems.Add($"line {line.Line}: {line.Name} has a backslash that escapes nothing");
                    }

                    i++;
                }
                else if (c == ';' || (c == ',' && !list))
                {
                    problems.Add($"line {line.Line}: {line.Name} has an unescaped '{c}'");
                }
            }
        }
    }

    private static ContentLine? Once(Component component, string name, List<string> problems)
    {
        var found = component.All(name).ToList();
        if (found.Count != 1)
        {
            problems.Add($"line {component.Line}: {component.Name} must have {name} once, it has it {found.Count} times");
            return null;
        }

        return found[0];
    }

    private static IEnumerable<ContentLine> Everywhere(Component component) =>
        component.Properties.Concat(component.Children.SelectMany(Everywhere));

    // iana-token or x-name: letters, digits and hyphens.
    [GeneratedRegex("^[A-Za-z0-9-]+")]
    private static partial Regex NamePattern();

    // param-name "=" param-value *("," param-value), a value quoted or made of SAFE-CHARs.
    [GeneratedRegex("""(?<name>[A-Za-z0-9-]+)=(?<value>(?:"[^"\x00-\x08\x0A-\x1F\x7F]*"|[^";:,\x00-\x08\x0A-\x1F\x7F]*)(?:,(?:"[^"\x00-\x08\x0A-\x1F\x7F]*"|[^";:,\x00-\x08\x0A-\x1F\x7F]*))*)""")]
    private static partial Regex ParameterPattern();

    // recur-rule-part *( ";" recur-rule-part ), each NAME=value with values of digits, letters, signs and commas.
    [GeneratedRegex(@"^[A-Z]+=[A-Z0-9+,-]+(?:;[A-Z]+=[A-Z0-9+,-]+)*$")]
    private static partial Regex RecurrencePattern();

    [GeneratedRegex(@"^[+-](?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?$")]
    private static partial Regex OffsetPattern();

    [GeneratedRegex(@"^\d{8}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d{8}T\d{6}$")]
    private static partial Regex LocalDateTimePattern();

    [GeneratedRegex(@"^\d{8}T\d{6}Z?$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^\d{8}T\d{6}Z$")]
    private static partial Regex UtcDateTimePattern();
}
