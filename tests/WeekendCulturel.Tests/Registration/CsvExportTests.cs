using System.Text;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>The organisers' CSV opened by a spreadsheet that splits at commas or, as French Excel does, at semicolons.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CsvExportTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task No_cell_starts_a_formula_whether_the_export_is_split_at_commas_or_semicolons()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        string[][] people =
        [
            ["Dupont;=1+1", "Martin", "Musée"],
            ["Durand; =SUM(A1:A9)", "-2+3", "@Culture, \"Paris\""],
            ["Petit;\"=1+1", "Leroy,+33 1 23", "x;@y"],
            ["=HYPERLINK(\"http://x\")", "Roux; -1", "Orsay;  +1"],
        ];
        for (var i = 0; i < people.Length; i++)
        {
            var response = await api.RegisterAsync(new { sessions = new[] { "rush" }, firstName = people[i][0], lastName = people[i][1], email = $"p{i}@example.org", organisation = people[i][2], acceptPrivacy = true });
            Assert.True(response.IsSuccessStatusCode, $"{people[i][0]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/registrations?session=rush");
        request.Headers.Add("x-functions-key", ApiServer.AdminKey);
        var bytes = await (await api.Client.SendAsync(request)).Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes.AsSpan(Encoding.UTF8.GetPreamble().Length));

        foreach (var separator in new[] { ',', ';' })
        {
            var rows = Parse(text, separator);
            Assert.Equal(people.Length + 1, rows.Count);
            foreach (var cell in rows.SelectMany(r => r))
            {
                var start = cell.TrimStart();
                Assert.False(start.Length > 0 && start[0] is '=' or '+' or '-' or '@', $"split at '{separator}': the cell [{cell}] starts a formula");
            }
        }

        // Split at commas, the file still has its eight columns and each name in its own cell.
        var byComma = Parse(text, ',');
        Assert.All(byComma, r => Assert.Equal(8, r.Count));
        Assert.Equal(["session", "status", "position", "firstName", "lastName", "email", "organisation", "registeredAt"], byComma[0]);
        Assert.Contains(byComma, r => r[3] == "Dupont;'=1+1" && r[4] == "Martin" && r[6] == "Musée");
        Assert.Contains(byComma, r => r[3] == "Durand; '=SUM(A1:A9)" && r[4] == "'-2+3" && r[6] == "'@Culture, \"Paris\"");
    }

    /// <summary>
    /// Reads CSV as a spreadsheet does: a cell that starts with a quote runs to the closing quote (two quotes
    /// are one), and whatever follows up to the separator is added as it is.
    /// </summary>
    private static List<List<string>> Parse(string text, char separator)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        var atCellStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (atCellStart && c == '"')
            {
                i++;
                while (i < text.Length && !(text[i] == '"' && (i + 1 >= text.Length || text[i + 1] != '"')))
                {
                    cell.Append(text[i]);
                    i += text[i] == '"' ? 2 : 1;
                }

                i++;
                atCellStart = false;
                continue;
            }

            atCellStart = false;
            if (c == separator)
            {
                row.Add(cell.ToString());
                cell.Clear();
                atCellStart = true;
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                atCellStart = true;
                i++;
            }
            else
            {
                cell.Append(c);
            }

            i++;
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
