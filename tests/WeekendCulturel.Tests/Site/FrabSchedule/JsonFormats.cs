using System.Globalization;
using System.Text.RegularExpressions;

namespace WeekendCulturel.Tests.Site.FrabSchedule;

/// <summary>
/// The meanings that JSON Schema gives to the <c>format</c> names the frab schedule uses, each a string rule:
/// <c>date</c> and <c>date-time</c> from RFC 3339, <c>uuid</c> from RFC 4122, <c>uri</c> from RFC 3986.
/// </summary>
internal static partial class JsonFormats
{
    /// <summary>RFC 3339 full-date: yyyy-mm-dd, a day that exists.</summary>
    public static readonly JsonRule FormatDate = JsonRules.TextThat("a date (RFC 3339 full-date)", IsDate);

    /// <summary>
    /// RFC 3339 date-time: a date, T, a time with seconds, an offset or Z; the moment must exist (a leap
    /// second is refused, which this site never writes).
    /// </summary>
    public static readonly JsonRule FormatDateTime = JsonRules.TextThat("a date-time (RFC 3339)", text =>
        DateTimeShape().IsMatch(text) && IsDate(text[..10])
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _));

    /// <summary>RFC 4122's text form: 32 hexadecimal digits in groups of 8-4-4-4-12.</summary>
    public static readonly JsonRule FormatUuid = JsonRules.TextThat("a UUID", UuidShape().IsMatch);

    /// <summary>
    /// RFC 3986 URI, which is absolute: a scheme first, and only ASCII without spaces (a path alone, or an
    /// IRI, is not one). The scheme is looked for first because .NET takes "/path" for an absolute file URI.
    /// </summary>
    public static readonly JsonRule FormatUri = JsonRules.TextThat("an absolute URI", text =>
        SchemeShape().IsMatch(text) && text.All(c => c is > ' ' and < '\u007f')
        && System.Uri.TryCreate(text, UriKind.Absolute, out _));

    private static bool IsDate(string text) =>
        DateShape().IsMatch(text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}\\z")]
    private static partial Regex DateShape();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})\\z")]
    private static partial Regex DateTimeShape();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\z")]
    private static partial Regex UuidShape();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex SchemeShape();
}
