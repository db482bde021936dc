using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WeekendCulturel.Tests.Site.FrabSchedule;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Site;

/// <summary>
/// <c>schedule.json</c> against the rules of the frab/pretalx schedule schema that schedule apps check files
/// with (restated in <c>FrabSchedule/</c>, formats included); then what a schema cannot say: that the file
/// agrees with itself and with the programme.
/// </summary>
public sealed class ScheduleTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    [Fact]
    public void Schedule_json_passes_the_frab_schedule_schema()
    {
        var problems = Validate(site.Read("/schedule.json"));

        Assert.True(problems.Count == 0, "schedule.json breaks the schema:\n" + string.Join('\n', problems.Take(30)));
    }

    public static TheoryData<string, string> Breaches => new()
    {
        { "an acronym with hyphens between words", "schedule.conference.acronym=\"weekend-culturel-ia-2025\"" },
        { "a time zone that is not an IANA name", "schedule.conference.time_zone_name=\"Paris\"" },
        { "an event guid that is not a UUID", "event.guid=\"atelier\"" },
        { "an event date that is not a date-time", "event.date=\"8 février 2025\"" },
        { "an event start that is not hh:mm", "event.start=\"10h30\"" },
        { "an event slug with capitals", "event.slug=\"Atelier\"" },
        { "an event id of zero", "event.id=0" },
        { "an event field the schema does not know", "event.speakers=[]" },
        { "an event without a room", "event.room=-" },
        { "a person with neither frab's nor pretalx's fields", "person.name=-" },
        { "a day date that is not a date", "day.date=\"samedi\"" },
    };

    /// <summary>The rules enforce the schema's patterns and formats, not only its shape.</summary>
    [Theory]
    [MemberData(nameof(Breaches))]
    public void A_schedule_that_breaks_a_rule_of_the_schema_is_refused(string breach, string edit)
    {
        var root = JsonNode.Parse(site.Read("/schedule.json"))!;
        var day = root["schedule"]!["conference"]!["days"]![0]!;
        var firstEvent = day["rooms"]!.AsObject().First().Value![0]!;
        var person = root["schedule"]!["conference"]!["days"]!.AsArray()
            .SelectMany(d => d!["rooms"]!.AsObject().SelectMany(r => r.Value!.AsArray()))
            .SelectMany(e => e!["persons"]!.AsArray()).First()!;
        var (path, value) = (edit[..edit.IndexOf('=', StringComparison.Ordinal)], edit[(edit.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var parts = path.Split('.');
        var target = parts[0] switch
        {
            "event" => firstEvent,
            "person" => person,
            "day" => day,
            _ => parts[..^1].Aggregate(root, (node, key) => node[key]!),
        };
        if (value == "-")
        {
            target.AsObject().Remove(parts[^1]);
        }
        else
        {
            target[parts[^1]] = JsonNode.Parse(value);
        }

        Assert.True(Validate(site.Read("/schedule.json")).Count == 0, "the unchanged schedule must pass for this test to mean anything");
        Assert.True(Validate(root.ToJsonString()).Count > 0, $"{breach} was accepted");
    }

    [Fact]
    public void Schedule_json_agrees_with_itself_and_with_the_programme()
    {
        using var document = JsonDocument.Parse(site.Read("/schedule.json"));
        var conference = document.RootElement.GetProperty("schedule").GetProperty("conference");
        var days = conference.GetProperty("days").EnumerateArray().ToList();
        var sessions = site.Result.Content!.Sessions;

        Assert.Equal(days.Count, conference.GetProperty("daysCount").GetInt32());
        Assert.Equal(days[0].GetProperty("date").GetString(), conference.GetProperty("start").GetString());
        Assert.Equal(days[^1].GetProperty("date").GetString(), conference.GetProperty("end").GetString());

        var rooms = conference.GetProperty("rooms").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToHashSet();
        var guids = new HashSet<string>(StringComparer.Ordinal);
        var slugs = new List<string>();
        foreach (var (day, index) in days.Select((d, i) => (d, i)))
        {
            Assert.Equal(index, day.GetProperty("index").GetInt32());
            var dayStart = DateTimeOffset.Parse(day.GetProperty("day_start").GetString()!, CultureInfo.InvariantCulture);
            var dayEnd = DateTimeOffset.Parse(day.GetProperty("day_end").GetString()!, CultureInfo.InvariantCulture);
            foreach (var room in day.GetProperty("rooms").EnumerateObject())
            {
                Assert.Contains(room.Name, rooms);
                foreach (var e in room.Value.EnumerateArray())
                {
                    var slug = e.GetProperty("slug").GetString()!;
                    slugs.Add(slug);
                    var session = sessions.Single(s => s.Id == slug);
                    var date = DateTimeOffset.Parse(e.GetProperty("date").GetString()!, CultureInfo.InvariantCulture);
                    Assert.Equal(room.Name, e.GetProperty("room").GetString());
                    Assert.InRange(date, dayStart, dayEnd);
                    Assert.Equal(session.Start, date.DateTime);
                    Assert.Equal(session.Start.ToString("HH:mm", CultureInfo.InvariantCulture), e.GetProperty("start").GetString());
                    var duration = e.GetProperty("duration").GetString()!.Split(':');
                    Assert.Equal(session.End - session.Start, new TimeSpan(int.Parse(duration[0], CultureInfo.InvariantCulture), int.Parse(duration[1], CultureInfo.InvariantCulture), 0));
                    Assert.True(guids.Add(e.GetProperty("guid").GetString()!), $"the guid of {slug} is used twice");
                }
            }
        }

        Assert.Equal(sessions.Select(s => s.Id).Order(StringComparer.Ordinal), slugs.Order(StringComparer.Ordinal));
    }

    /// <summary>Each rule the file breaks, with where in the file.</summary>
    private static IReadOnlyList<string> Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FrabScheduleRules.Check(document.RootElement);
    }
}
