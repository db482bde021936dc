using System.Text;
using Ical.Net;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>
/// Every .ics file is checked against RFC 5545 by the tests' own reader (<see cref="Rfc5545Checker"/>), then
/// read back with Ical.Net for what it means.
/// </summary>
public sealed class CalendarTests(BuiltSite site) : IClassFixture<BuiltSite>
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

    [Fact]
    public void Every_calendar_follows_rfc_5545()
    {
        var files = site.Files("*.ics").ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var problems = Rfc5545Checker.Check(File.ReadAllBytes(site.FileOf(file)!));
            Assert.True(problems.Count == 0, $"{file}:\n" + string.Join('\n', problems.Take(20)));
        }
    }

    [Fact]
    public void The_paris_time_zone_carries_its_winter_and_summer_rules()
    {
        foreach (var file in new[] { "/agenda/programme.ics", "/agenda/atelier-compar-ia.ics", "/en/calendar/programme.ics" })
        {
            Rfc5545Checker.Check(File.ReadAllBytes(site.FileOf(file)!), out var calendar);
            var zone = Assert.Single(calendar!.Children, c => c.Name == "VTIMEZONE");
            Assert.Equal("Europe/Paris", zone.Value("TZID"));

            var winter = Assert.Single(zone.Children, c => c.Name == "STANDARD");
            Assert.Equal(("CET", "+0200", "+0100"), (winter.Value("TZNAME"), winter.Value("TZOFFSETFROM"), winter.Value("TZOFFSETTO")));
            Assert.Equal(["BYDAY=-1SU", "BYMONTH=10", "FREQ=YEARLY"], winter.Value("RRULE")!.Split(';').Order(StringComparer.Ordinal));
            Assert.Matches(@"^\d{4}10\d\dT030000$", winter.Value("DTSTART"));

            var summer = Assert.Single(zone.Children, c => c.Name == "DAYLIGHT");
            Assert.Equal(("CEST", "+0100", "+0200"), (summer.Value("TZNAME"), summer.Value("TZOFFSETFROM"), summer.Value("TZOFFSETTO")));
            Assert.Equal(["BYDAY=-1SU", "BYMONTH=3", "FREQ=YEARLY"], summer.Value("RRULE")!.Split(';').Order(StringComparer.Ordinal));
            Assert.Matches(@"^\d{4}03\d\dT020000$", summer.Value("DTSTART"));
        }

        // What another program makes of those rules: the Saturday workshop at 10:30 in Paris is 09:30 UTC.
        var parsed = Calendar.Load(site.Read("/agenda/atelier-compar-ia.ics"))!;
        Assert.Equal(new DateTime(2025, 2, 8, 9, 30, 0, DateTimeKind.Utc), parsed.Events.Single().DtStart!.AsUtc);
    }

    // A calendar the checker must accept; each fault below is one edit of it.
    private const string Valid = "BEGIN:VCALENDAR\r\nPRODID:-//Test//EN\r\nVERSION:2.0\r\n"
        + "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"
        + "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
        + "END:VTIMEZONE\r\n"
        + "BEGIN:VEVENT\r\nUID:a@example.org\r\nDTSTAMP:20250120T090000Z\r\nDTSTART;TZID=Europe/Paris:20250208T103000\r\n"
        + "SUMMARY:Atelier \u00e9t\u00e9\r\nDESCRIPTION:Ici\\, et l\\;\\nl\u00e0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    public static TheoryData<string, string, string, string> Faults => new()
    {
        { "a line of 81 octets", "SUMMARY:Atelier", "SUMMARY:" + new string('a', 60) + "Atelier", "more than 75" },
        { "a line ending in LF alone", "END:VEVENT\r\n", "END:VEVENT\n", "LF alone" },
        { "an END that closes nothing open", "END:VEVENT\r\n", "END:VTODO\r\n", "does not close" },
        { "a component never closed", "END:VCALENDAR\r\n", "", "never closed" },
        { "a calendar without PRODID", "PRODID:-//Test//EN\r\n", "", "PRODID once" },
        { "an event without DTSTAMP", "DTSTAMP:20250120T090000Z\r\n", "", "DTSTAMP once" },
        { "an event without UID", "UID:a@example.org\r\n", "", "UID once" },
        { "a time zone without observances", "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n", "", "no STANDARD or DAYLIGHT" },
        { "an observance without TZOFFSETTO", "TZOFFSETTO:+0100\r\n", "", "TZOFFSETTO once" },
        { "a TZID no VTIMEZONE defines", "DTSTART;TZID=Europe/Paris:", "DTSTART;TZID=Europe/Pariss:", "no VTIMEZONE of the calendar defines" },
        { "an unescaped comma in a summary", "SUMMARY:Atelier", "SUMMARY:Atelier, deux", "unescaped ','" },
        { "a stray backslash in a description", "DESCRIPTION:Ici", "DESCRIPTION:Ici \\x", "escapes nothing" },
        { "a recurrence rule with a non-ASCII minus sign", "END:STANDARD", "RRULE:FREQ=YEARLY;BYDAY=\u061C-1SU;BYMONTH=10\r\nEND:STANDARD", "is not a list of NAME=value parts" },
        { "a fold inside a character", "SUMMARY:Atelier \u00e9", "SUMMARY:Atelier \u00e9", "not whole UTF-8" },
    };

    /// <summary>The checker itself: it accepts the valid calendar, and finds the one fault put into it.</summary>
    [Theory]
    [MemberData(nameof(Faults))]
    public void The_rfc_5545_checker_finds_each_kind_of_fault(string fault, string from, string to, string expected)
    {
        Assert.Empty(Rfc5545Checker.Check(Encoding.UTF8.GetBytes(Valid)));
        Assert.Contains(from, Valid, StringComparison.Ordinal);

        var bytes = Encoding.UTF8.GetBytes(Valid.Replace(from, to, StringComparison.Ordinal));
        if (fault == "a fold inside a character")
        {
            // é is C3 A9 in UTF-8: written as the two characters U+00C3 U+00A9 in Latin-1, they stand for its octets.
            bytes = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(Valid)).Replace("SUMMARY:Atelier \u00c3\u00a9", "SUMMARY:Atelier \u00c3\r\n \u00a9", StringComparison.Ordinal));
        }

        Assert.Contains(Rfc5545Checker.Check(bytes), p => p.Contains(expected, StringComparison.Ordinal));
    }
}
