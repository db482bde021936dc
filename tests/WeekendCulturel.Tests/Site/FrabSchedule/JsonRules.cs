using System.Text.Json;
using System.Text.RegularExpressions;

namespace WeekendCulturel.Tests.Site.FrabSchedule;

/// <summary>Checks one JSON value and returns what is wrong with it, each problem led by where the value is.</summary>
internal delegate IReadOnlyList<string> JsonRule(JsonElement value, string at);

/// <summary>
/// The handful of JSON Schema ideas that the frab schedule rules are made of, as plain functions that build
/// rules: a type with a test on its value, a list, an object with known fields, alternatives.
/// </summary>
internal static class JsonRules
{
    public static readonly JsonRule Anything = (_, _) => [];

    /// <summary>The <c>false</c> schema: the field may not be there at all.</summary>
    public static readonly JsonRule Absent = (_, at) => [$"{Where(at)}: is not allowed here"];

    public static readonly JsonRule Null = Kind("null", JsonValueKind.Null);

    public static readonly JsonRule TrueOrFalse = Kind("true or false", JsonValueKind.True, JsonValueKind.False);

    public static readonly JsonRule Number = Kind("a number", JsonValueKind.Number);

    public static readonly JsonRule AnyObject = Kind("an object", JsonValueKind.Object);

    public static readonly JsonRule Text = Kind("a string", JsonValueKind.String);

    /// <summary>For <see cref="ObjectOf"/>: a field it does not name is an error.</summary>
    public static readonly Func<string, JsonRule?> NoOtherFields = _ => null;

    /// <summary>For <see cref="ObjectOf"/>: a field it does not name may hold anything.</summary>
    public static readonly Func<string, JsonRule?> AnyOtherFields = _ => Anything;

    /// <summary>A string whose value passes <paramref name="test"/>, described as <paramref name="what"/>.</summary>
    public static JsonRule TextThat(string what, Func<string, bool> test) => (value, at) =>
        value.ValueKind != JsonValueKind.String ? [$"{Where(at)}: expected a string ({what})"]
        : test(value.GetString()!) ? []
        : [$"{Where(at)}: \"{value.GetString()}\" is not {what}"];

    /// <summary>
    /// A string in which <paramref name="pattern"/> is found. As in JSON Schema the pattern is searched for,
    /// not matched whole, so only its own anchors tie it to the ends. (.NET's <c>$</c> also matches before a
    /// final line feed, where ECMA-262's does not; nothing this site writes ends with one.)
    /// </summary>
    public static JsonRule Matching(string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        return TextThat($"matched by {pattern}", regex.IsMatch);
    }

    public static JsonRule OneOfWords(params string[] words) =>
        TextThat("one of " + string.Join(", ", words), words.Contains);

    /// <summary>JSON Schema's integer: any number without a fractional part (so 1.0 counts), from a minimum.</summary>
    public static JsonRule WholeNumber(long minimum = long.MinValue) => (value, at) =>
        value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || Math.Floor(number) != number ? [$"{Where(at)}: expected an integer"]
        : number < minimum ? [$"{Where(at)}: {number} is below the minimum {minimum}"]
        : [];

    public static JsonRule ListOf(JsonRule item) => (value, at) =>
        value.ValueKind != JsonValueKind.Array ? [$"{Where(at)}: expected an array"]
        : [.. value.EnumerateArray().SelectMany((element, index) => item(element, $"{at}/{index}"))];

    /// <summary>An object whose every field, whatever its name, holds a value that fits <paramref name="field"/>.</summary>
    public static JsonRule MapOf(JsonRule field) => (value, at) =>
        value.ValueKind != JsonValueKind.Object ? [$"{Where(at)}: expected an object"]
        : [.. value.EnumerateObject().SelectMany(p => field(p.Value, Child(at, p.Name)))];

    /// <summary>
    /// An object with the named fields (each checked when present), the required ones present, and
    /// <paramref name="others"/> saying what a field of another name may hold (null: it is refused).
    /// </summary>
    public static JsonRule ObjectOf(IReadOnlyDictionary<string, JsonRule> fields, IReadOnlyList<string> required, Func<string, JsonRule?> others) => (value, at) =>
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return [$"{Where(at)}: expected an object"];
        }

        var problems = required
            .Where(name => !value.TryGetProperty(name, out _))
            .Select(name => $"{Where(at)}: lacks the required field \"{name}\"")
            .ToList();
        foreach (var property in value.EnumerateObject())
        {
            var rule = fields.GetValueOrDefault(property.Name) ?? others(property.Name);
            problems.AddRange(rule is null
                ? [$"{Where(at)}: has a field the schema does not allow, \"{property.Name}\""]
                : rule(property.Value, Child(at, property.Name)));
        }

        return problems;
    };

    /// <summary>JSON Schema's <c>allOf</c>: every rule holds.</summary>
    public static JsonRule AllOf(params JsonRule[] rules) => (value, at) => [.. rules.SelectMany(rule => rule(value, at))];

    /// <summary>JSON Schema's <c>anyOf</c>, which is also what a list of types means: at least one rule holds.</summary>
    public static JsonRule AnyOf(params JsonRule[] rules) => (value, at) =>
    {
        var failures = rules.Select(rule => rule(value, at)).ToList();
        return failures.Any(f => f.Count == 0) ? [] : [$"{Where(at)}: fits none of its allowed shapes ({string.Join("; ", failures.SelectMany(f => f))})"];
    };

    /// <summary>JSON Schema's <c>oneOf</c>: exactly one rule holds, not none and not two.</summary>
    public static JsonRule ExactlyOneOf(params JsonRule[] rules) => (value, at) =>
    {
        var failures = rules.Select(rule => rule(value, at)).ToList();
        var fits = failures.Count(f => f.Count == 0);
        return fits switch
        {
            1 => [],
            0 => [$"{Where(at)}: fits none of the shapes of which it must fit one ({string.Join("; ", failures.SelectMany(f => f))})"],
            _ => [$"{Where(at)}: fits {fits} of the shapes of which it must fit exactly one"],
        };
    };

    public static JsonRule OrNull(JsonRule rule) => AnyOf(Null, rule);

    private static JsonRule Kind(string what, params JsonValueKind[] kinds) => (value, at) =>
        kinds.Contains(value.ValueKind) ? [] : [$"{Where(at)}: expected {what}, found {value.ValueKind}"];

    /// <summary>A JSON Pointer one step further down (RFC 6901 escapes <c>~</c> and <c>/</c> in a name).</summary>
    private static string Child(string at, string name) => $"{at}/{name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";

    private static string Where(string at) => at.Length == 0 ? "(the document)" : at;
}
