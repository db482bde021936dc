using System.Globalization;
using WeekendCulturel.Contract;

namespace WeekendCulturel.Registration.Mail;

/// <summary>
/// Moments as e-mails write them, in Paris time whatever the server's zone: « samedi 8 février 2025 à
/// 14 h 30 » in French (no-break spaces around the h, as the site writes it), "Saturday 8 February 2025 at
/// 14:30" in English.
/// </summary>
public static class MailDates
{
    public static readonly TimeZoneInfo Paris = EventTime.Zone;

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private static DateTime Local(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Paris).DateTime;

    /// <summary>« samedi 8 février 2025 », « samedi 1er février 2025 » / "Saturday 8 February 2025".</summary>
    public static string Day(DateTimeOffset moment, string lang) => DayText(moment, lang, " yyyy");

    /// <summary>« samedi 8 février » / "Saturday 8 February", for a subject.</summary>
    public static string ShortDay(DateTimeOffset moment, string lang) => DayText(moment, lang, "");

    private static string DayText(DateTimeOffset moment, string lang, string year)
    {
        var local = Local(moment);
        if (lang == "en")
        {
            var text = local.ToString("dddd d MMMM" + year, English);
            return char.ToUpperInvariant(text[0]) + text[1..];
        }

        // French writes the first of the month as an ordinal: « 1er février ».
        return local.ToString("dddd ", French) + (local.Day == 1 ? "1er" : local.Day.ToString(CultureInfo.InvariantCulture)) + local.ToString(" MMMM" + year, French);
    }

    /// <summary>« 14 h 30 », « 10 h » / "14:30".</summary>
    public static string Clock(DateTimeOffset moment, string lang)
    {
        var local = Local(moment);
        return lang == "en"
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.Minute == 0 ? $"{local.Hour}\u00a0h" : $"{local.Hour}\u00a0h\u00a0{local.Minute:00}";
    }

    /// <summary>« samedi 8 février 2025 à 14 h 30 » / "Saturday 8 February 2025 at 14:30".</summary>
    public static string Moment(DateTimeOffset moment, string lang) =>
        $"{Day(moment, lang)} {(lang == "en" ? "at" : "à")} {Clock(moment, lang)}";

    /// <summary>« samedi 8 février 2025, 14 h 30 – 16 h » / "Saturday 8 February 2025, 14:30–16:00".</summary>
    public static string Span(DateTimeOffset start, DateTimeOffset end, string lang) =>
        lang == "en"
            ? $"{Day(start, lang)}, {Clock(start, lang)}–{Clock(end, lang)}"
            : $"{Day(start, lang)}, {Clock(start, lang)} – {Clock(end, lang)}";
}
