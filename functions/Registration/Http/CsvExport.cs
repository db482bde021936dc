using System.Globalization;
using System.Text;
using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// The organisers' CSV: UTF-8 with a byte-order mark so that Excel reads the accents, every cell quoted, and
/// every place where a spreadsheet could start a formula neutralised with an apostrophe.
/// </summary>
public static class CsvExport
{
    private static readonly string[] Header = ["session", "status", "position", "firstName", "lastName", "email", "organisation", "registeredAt"];

    public static byte[] Write(IEnumerable<RegistrationRow> rows)
    {
        var builder = new StringBuilder();
        builder.AppendJoin(',', Header.Select(Cell)).Append("\r\n");
        foreach (var row in rows)
        {
            builder.AppendJoin(',', new[]
            {
                row.Session,
                row.Status.Word(),
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

    /// <summary>
    /// A cell made safe for spreadsheets and quoted for CSV. A spreadsheet may split the file at another
    /// separator than the comma (French Excel splits at semicolons, others at tabs) or ignore the quotes, so a
    /// cell may start anywhere after one of them: wherever a cell could start, a formula character that comes
    /// after nothing but spaces and quotes gets an apostrophe in front of it.
    /// </summary>
    public static string Cell(string value)
    {
        var safe = new StringBuilder(value.Length + 4).Append('"');
        var cellStart = true;
        foreach (var c in value)
        {
            if (cellStart && IsFormulaStart(c))
            {
                safe.Append('\'');
            }

            safe.Append(c == '"' ? "\"\"" : c.ToString());
            cellStart = IsSeparator(c) || (cellStart && (char.IsWhiteSpace(c) || c == '"'));
        }

        return safe.Append('"').ToString();
    }

    // The characters a spreadsheet reads as the start of a formula, in their full-width forms too.
    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠';

    private static bool IsSeparator(char c) => c is ',' or ';' or '\t' or '|' or '\r' or '\n';
}
