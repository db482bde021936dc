using System.Text.Json;
using System.Text.RegularExpressions;
using static WeekendCulturel.Tests.Site.FrabSchedule.JsonFormats;
using static WeekendCulturel.Tests.Site.FrabSchedule.JsonRules;
using Fields = System.Collections.Generic.Dictionary<string, WeekendCulturel.Tests.Site.FrabSchedule.JsonRule>;

namespace WeekendCulturel.Tests.Site.FrabSchedule;

/// <summary>
/// The rules of the frab/pretalx schedule schema, which conference apps check a <c>schedule.json</c> against
/// (the JSON Schema <c>validator/json/schema.json</c> of github.com/voc/schedule), restated in our own terms.
/// Each rule's comment names the part of that schema it stands for, as <c>Definition</c> or
/// <c>Definition.property</c> (the top level is <c>root</c>), so the two can be compared side by side.
/// </summary>
internal static class FrabScheduleRules
{
    /// <summary>Every way in which <paramref name="document"/> breaks the rules; none when it keeps them.</summary>
    public static IReadOnlyList<string> Check(JsonElement document) => Whole(document, "");

    // The definitions below are properties so that they read top-down in the schema's order; this builds them once.
    private static readonly JsonRule Whole = Root;

    // root: closed; only schedule is required.
    private static JsonRule Root => ObjectOf(
        new Fields
        {
            ["schedule"] = Schedule,
            ["$schema"] = Text,
            // root.generator: open; a url given must be a URI.
            ["generator"] = ObjectOf(new Fields { ["name"] = Text, ["version"] = Text, ["url"] = FormatUri }, [], AnyOtherFields),
        },
        ["schedule"],
        NoOtherFields);

    // Schedule: open, but "rooms": false keeps the room list inside the conference.
    private static JsonRule Schedule => ObjectOf(
        new Fields { ["version"] = Text, ["base_url"] = FormatUri, ["conference"] = Conference, ["rooms"] = Absent },
        ["conference", "version"],
        AnyOtherFields);

    // Conference: closed.
    private static JsonRule Conference => ObjectOf(
        new Fields
        {
            // Conference.acronym: word characters, no hyphen between words except before a year and a name.
            ["acronym"] = Matching("^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$"),
            ["title"] = Text,
            ["description"] = Text,
            // Conference.start and .end: the schema spells their choice "$oneOf", a keyword validators skip, so
            // to a validator they are any string; the date or date-time it means is held here.
            ["start"] = AnyOf(FormatDate, FormatDateTime),
            ["end"] = AnyOf(FormatDate, FormatDateTime),
            ["daysCount"] = WholeNumber(),
            ["timeslot_duration"] = Text,
            // Conference.time_zone_name: its alternation binds loosely, "^(Area/Place)" or "UTC$", as written there.
            ["time_zone_name"] = Matching("^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$"),
            ["logo"] = FormatUri,
            // Conference.colors: open; "color" is a format no JSON Schema draft defines, and this site writes no colours.
            ["colors"] = ObjectOf(new Fields { ["primary"] = Text, ["background"] = Text }, [], AnyOtherFields),
            ["keywords"] = ListOf(Text),
            ["url"] = FormatUri,
            // Conference.tracks: open objects.
            ["tracks"] = ListOf(ObjectOf(new Fields { ["name"] = Text, ["slug"] = Slug, ["color"] = Text }, [], AnyOtherFields)),
            ["rooms"] = ListOf(Room),
            ["meta"] = AnyObject,
            ["days"] = ListOf(Day),
        },
        ["title", "acronym", "days", "daysCount", "start", "end", "timeslot_duration"],
        NoOtherFields);

    // Day: closed; Day.rooms maps every room name (".*") to that room's events.
    private static JsonRule Day => ObjectOf(
        new Fields
        {
            ["index"] = WholeNumber(),
            ["date"] = FormatDate,
            ["day_start"] = FormatDateTime,
            ["day_end"] = FormatDateTime,
            ["rooms"] = MapOf(ListOf(Event)),
        },
        ["date", "day_end", "day_start", "index", "rooms"],
        NoOtherFields);

    // Event: closed, and most of its fields required, some of them deprecated but required still (id, start, duration).
    private static JsonRule Event => ObjectOf(
        new Fields
        {
            ["guid"] = FormatUuid,
            ["code"] = Code,
            // Event.id: from 1 up.
            ["id"] = WholeNumber(minimum: 1),
            // Event.logo: "$oneOf" again (skipped by validators); what it means is null, empty, or a URI.
            ["logo"] = AnyOf(Null, TextThat("empty", t => t.Length == 0), FormatUri),
            ["date"] = FormatDateTime,
            // Event.start: hh:mm on a 24-hour clock.
            ["start"] = Matching("^(0[0-9]|1[0-9]|2[0-3]):[0-5][0-9]$"),
            ["end"] = FormatDateTime,
            ["duration"] = Duration,
            // Event.room: the RoomName definition, a plain string.
            ["room"] = Text,
            ["slug"] = Slug,
            ["url"] = FormatUri,
            ["title"] = Text,
            ["subtitle"] = OrNull(Text),
            ["track"] = OrNull(Text),
            // Event.type: the schema only gives examples, not an enumeration.
            ["type"] = Text,
            ["language"] = OrNull(Text),
            ["abstract"] = OrNull(Text),
            ["description"] = OrNull(Text),
            ["recording_license"] = Text,
            ["do_not_record"] = OrNull(TrueOrFalse),
            ["do_not_stream"] = AnyOf(TrueOrFalse, Text, Null),
            ["persons"] = ListOf(Person),
            ["links"] = ListOf(Reference),
            ["feedback_url"] = FormatUri,
            ["origin_url"] = FormatUri,
            ["attachments"] = ListOf(Reference),
        },
        ["abstract", "date", "duration", "guid", "id", "language", "links", "persons", "room", "slug", "start", "subtitle", "title", "track", "type", "url"],
        NoOtherFields);

    // Person: open, with typed common fields, and exactly one of FrabPerson and PretalxPerson.
    private static JsonRule Person => AllOf(
        ObjectOf(
            new Fields
            {
                ["name"] = Text,
                ["guid"] = FormatUuid,
                ["id"] = WholeNumber(),
                ["url"] = FormatUri,
                ["links"] = ListOf(Reference),
                ["public_name"] = Text,
            },
            [],
            AnyOtherFields),
        ExactlyOneOf(FrabPerson, PretalxPerson));

    // FrabPerson: open; public_name and id required.
    private static JsonRule FrabPerson => ObjectOf(
        new Fields { ["id"] = WholeNumber(), ["public_name"] = Text },
        ["public_name", "id"],
        AnyOtherFields);

    // PretalxPerson: open; name required; an avatar is null or a URI.
    private static JsonRule PretalxPerson => ObjectOf(
        new Fields { ["code"] = Code, ["name"] = Text, ["avatar"] = OrNull(FormatUri), ["biography"] = OrNull(Text) },
        ["name"],
        AnyOtherFields);

    // Room: closed, except for the deprecated per-language "description_<lang>" fields (patternProperties).
    private static JsonRule Room => ObjectOf(
        new Fields
        {
            ["name"] = Text,
            ["slug"] = Slug,
            ["type"] = OneOfWords("lecturehall", "stage", "workshop", "outside", "online", "project", "bbb", "hangar", "other"),
            ["guid"] = FormatUuid,
            ["stream_id"] = OrNull(Text),
            // Room.description: a string, null, or an object of translations.
            ["description"] = AnyOf(Text, Null, AnyObject),
            ["capacity"] = OrNull(Number),
            ["url"] = FormatUri,
            ["features"] = RoomFeatures,
            ["assembly"] = HubAssembly,
        },
        ["name", "guid"],
        name => Regex.IsMatch(name, "description_.+") ? OrNull(Text) : null);

    // RoomFeatures: open; recording from a closed set.
    private static JsonRule RoomFeatures => ObjectOf(
        new Fields { ["recording"] = OneOfWords("record_by_default", "not_recorded_by_default", "recording_forbidden", "recording_not_possible", "unknown") },
        [],
        AnyOtherFields);

    // HubAssembly: open; name, guid and slug required.
    private static JsonRule HubAssembly => ObjectOf(
        new Fields { ["name"] = Text, ["slug"] = Slug, ["guid"] = FormatUuid, ["url"] = FormatUri },
        ["name", "guid", "slug"],
        AnyOtherFields);

    // Reference (a link or an attachment): closed; url required; type from a closed set.
    private static JsonRule Reference => ObjectOf(
        new Fields
        {
            ["type"] = OneOfWords("slides", "paper", "web", "blog", "article", "media", "related", "activitypub"),
            ["url"] = FormatUri,
            ["title"] = Text,
        },
        ["url"],
        NoOtherFields);

    // Duration: hours (any number of digits), a colon, two digits of minutes.
    private static JsonRule Duration => Matching("^[0-9]+:[0-9]{2}$");

    // The slug pattern of Event, Room, HubAssembly and Conference.tracks: lower case, digits, _ and -, not ending in _ or -.
    private static JsonRule Slug => Matching("^[a-z0-9_-]+[a-z0-9]$");

    // The code pattern of Event and PretalxPerson: capitals and digits.
    private static JsonRule Code => Matching("^[A-Z0-9]+$");
}
