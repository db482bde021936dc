using System.Text;
using Ical.Net;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>Every .ics file is read back with Ical.Net and checked against RFC 5545's rules of form.</summary>
[Collection(BuiltSiteCollection.Name)]
public sealed class CalendarTests(BuiltSite site)
{
    [Fact]
    public void Every_calendar_parses_back_with_its_events_in_paris_time()
    {
        var files = site.Files("*.ics").ToList();
        var sessions = site.Result.Content!.Sessions;
        Assert.Equal((sessions.Count + 1) * 2, files.Count);

        foreach (var file in files)
        {
            var text = site.Read(file);
            var calendar = Calendar.Load(text)!;
            var expected = file.EndsWith("/programme.ics", StringComparison.Ordinal) ? sessions.Count : 1;
            Assert.Equal(expected, calendar.Events.Count);
            Assert.Contains(calendar.TimeZones, z => z.TzId == "Europe/Paris");
            foreach (var e in calendar.Events)
            {
                Assert.Equal("Europe/Paris", e.DtStart!.TzId);
                Assert.True(e.DtEnd!.Value > e.DtStart.Value, file);
                Assert.False(string.IsNullOrWhiteSpace(e.Summary));
                Assert.False(string.IsNullOrWhiteSpace(e.Uid));
            }
        }
    }

    [Fact]
    public void A_session_calendar_holds_its_own_times()
    {
        var calendar = Calendar.Load(site.Read("/agenda/atelier-compar-ia.ics"))!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal(new DateTime(2025, 2, 8, 10, 30, 0), e.DtStart!.Value);
        Assert.Equal(new DateTime(2025, 2, 8, 11, 30, 0), e.DtEnd!.Value);
        Assert.Equal(new DateTime(2025, 2, 8, 9, 30, 0, DateTimeKind.Utc), e.DtStart.AsUtc);
        Assert.Contains("Salle 1", e.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_end_with_crlf_and_are_folded_at_75_octets()
    {
        foreach (var file in site.Files("*.ics"))
        {
            var bytes = File.ReadAllBytes(site.FileOf(file)!);
            var text = Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain(text.Replace("\r\n", "", StringComparison.Ordinal), c => c == '\n' || c == '\r');
            foreach (var line in text.Split("\r\n"))
            {
                Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{file}: a line of {Encoding.UTF8.GetByteCount(line)} octets: {line}");
            }
        }
    }
}
