using System.Globalization;
using System.Text;
using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// The organisers' CSV: UTF-8 with a byte-order mark so that Excel reads the accents, and every cell that a
/// spreadsheet would take for a formula neutralised with a leading apostrophe.
/// </summary>
public static class CsvExport
{
    private static readonly string[] Header = ["session", "status", "position", "firstName", "lastName", "email", "organisation", "registeredAt"];

    public static byte[] Write(IEnumerable<RegistrationRow> rows)
    {
        var builder = new StringBuilder();
        builder.AppendJoin(',', Header).Append("\r\n");
        foreach (var row in rows)
        {
            builder.AppendJoin(',', new[]
            {
                row.Session,
                row.Status,
                row.Position?.ToString(CultureInfo.InvariantCulture) ?? "",
                row.FirstName,
                row.LastName,
                row.Email,
                row.Organisation,
                row.RegisteredAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            }.Select(Cell)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(builder.ToString())];
    }

    /// <summary>A cell made safe for spreadsheets (no formula) and for CSV (quoted when needed).</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
