using WeekendCulturel.Generator.Diagnostics;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Loading;

/// <summary>
/// Each case makes one mistake in a copy of the real content and expects it reported at its file, line and
/// column, with a message that says what was expected.
/// </summary>
public sealed class ValidationTests
{
    private const string Session = "sessions/atelier-compar-ia.md";
    private const string SessionEn = "sessions/atelier-compar-ia.en.md";

    /// <summary>A mistake: how to make it, then where it must be reported and what the message must say.</summary>
    public sealed record Case(string Name, Action<ContentCopy> Make, string File, Func<ContentCopy, int> Line, int Column, string Message)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases => new()
    {
        new Case("YAML syntax",
            c => c.Replace(Session, "room: \"Salle 1\"", "room: \"Salle 1"), Session, c => c.LineOf(Session, "room: \"Salle 1"), 7, "YAML syntax"),
        new Case("unknown field with a suggestion",
            c => c.Replace(Session, "summary:", "sumary:"), Session, c => c.LineOf(Session, "sumary:"), 1, "unknown field 'sumary' (did you mean 'summary'?)"),
        new Case("missing required field",
            c => c.Replace(Session, "kind: atelier\n", ""), Session, c => c.LineOf(Session, "title:"), 1, "missing required field 'kind'"),
        new Case("mistyped choice",
            c => c.Replace(Session, "kind: atelier", "kind: ateliers"), Session, c => c.LineOf(Session, "kind: ateliers"), 7, "'kind' must be one of table-ronde, atelier, demonstration, projection, exposition, masterclass, studio, not 'ateliers' (did you mean 'atelier'?)"),
        new Case("mistyped date",
            c => c.Replace(Session, "start: 2025-02-08T10:30", "start: samedi matin"), Session, c => c.LineOf(Session, "start: samedi"), 8, "'start' must be a Paris local date and time like 2025-02-08T10:00, not 'samedi matin'"),
        new Case("text where a list is expected",
            c => c.Replace(Session, "registration: { capacity: 24, waitlist: true }", "registration: [24]"), Session, c => c.LineOf(Session, "registration: [24]"), 15, "'registration' must be a mapping of fields"),
        new Case("unknown venue with a suggestion",
            c => c.Replace(Session, "venue: bnf", "venue: bfn"), Session, c => c.LineOf(Session, "venue: bfn"), 1, "unknown venue 'bfn': no file content/venues/bfn.md (did you mean 'bnf'?)"),
        new Case("unknown speaker with a suggestion",
            c => c.Replace("sessions/table-ronde-ia-et-information.md", "speakers: [kak]", "speakers: [kack]"), "sessions/table-ronde-ia-et-information.md",
            c => c.LineOf("sessions/table-ronde-ia-et-information.md", "speakers: [kack]"), 12, "unknown speaker 'kack': no file content/speakers/kack.md (did you mean 'kak'?)"),
        new Case("end not after start",
            c => c.Replace(Session, "end: 2025-02-08T11:30", "end: 2025-02-08T10:00"), Session, c => c.LineOf(Session, "end: 2025-02-08T10:00"), 1, "'end' (2025-02-08T10:00) must be after 'start' (2025-02-08T10:30)"),
        new Case("session outside the event's days",
            c => c.Replace(Session, "start: 2025-02-08T10:30\nend: 2025-02-08T11:30", "start: 2025-02-10T10:30\nend: 2025-02-10T11:30"), Session,
            c => c.LineOf(Session, "start: 2025-02-10"), 1, "the session starts on 2025-02-10, outside the event's days (2025-02-08, 2025-02-09)"),
        new Case("two sessions overlapping in one room",
            c => c.Replace("sessions/atelier-compar-ia-2.md", "start: 2025-02-08T14:00\nend: 2025-02-08T15:00", "start: 2025-02-08T11:00\nend: 2025-02-08T12:00"),
            "sessions/atelier-compar-ia-2.md", c => c.LineOf("sessions/atelier-compar-ia-2.md", "start:"), 1, "'atelier-compar-ia-2' (11:00-12:00) overlaps 'atelier-compar-ia' (10:30-11:30) in the same room, Salle 1"),
        new Case("capacity zero",
            c => c.Replace(Session, "capacity: 24", "capacity: 0"), Session, c => c.LineOf(Session, "capacity: 0"), 27, "'capacity' must be a positive whole number, not '0'"),
        new Case("capacity not a number",
            c => c.Replace(Session, "capacity: 24", "capacity: beaucoup"), Session, c => c.LineOf(Session, "capacity: beaucoup"), 27, "'capacity' must be a positive whole number, not 'beaucoup'"),
        new Case("internal link to a page that does not exist",
            c => c.Write("pages/aller-plus-loin.md", c.Read("pages/aller-plus-loin.md") + "\nVoir aussi [l’ancien programme](/programme/ancien/).\n"),
            "pages/aller-plus-loin.md", c => c.LineOf("pages/aller-plus-loin.md", "l’ancien programme"), 12, "link to a page that does not exist: /programme/ancien/"),
        new Case("translation without a French original",
            c => c.Write("sessions/fantome.en.md", "---\ntitle: Ghost\nsummary: A session with no French file.\n---\nBody.\n"), "sessions/fantome.en.md", _ => 1, 1, "translation without a French original: sessions/fantome.md does not exist"),
        new Case("a French-only field in the English file",
            c => c.Replace(SessionEn, "room: \"Room 1\"", "room: \"Room 1\"\nstart: 2025-02-08T09:00"), SessionEn, c => c.LineOf(SessionEn, "start:"), 1, "field 'start' is not translated: it belongs in the French file"),
        new Case("duplicate ids: two English pages with one slug",
            c => c.Replace("pages/mentions-legales.en.md", "slug: legal-notice", "slug: accessibility"), "pages/mentions-legales.en.md", _ => 1, 1, "duplicate id: the English slug 'accessibility'"),
        new Case("an id that is not lower-case",
            c => { File.Move(c.PathOf(Session), c.PathOf("sessions/Atelier_Compar.md")); File.Move(c.PathOf(SessionEn), c.PathOf("sessions/Atelier_Compar.en.md")); }, "sessions/Atelier_Compar.md", _ => 1, 1, "'Atelier_Compar' is not a valid id"),
        new Case("site.yml: unknown field",
            c => c.Replace("site.yml", "notice:", "notise:"), "site.yml", c => c.LineOf("site.yml", "notise:"), 1, "unknown field 'notise' (did you mean 'notice'?)"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_mistake_where_it_is(Case mistake)
    {
        using var copy = new ContentCopy();
        mistake.Make(copy);

        var result = copy.Check();

        Assert.False(result.Succeeded);
        var expected = $"content/{mistake.File}:{mistake.Line(copy)}:{mistake.Column}: error: ";
        var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.ToString()).ToList();
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal) && e.Contains(mistake.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_real_content_has_no_error_and_no_warning()
    {
        using var copy = new ContentCopy();

        var result = copy.Check();

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Every_mistake_of_a_run_is_reported_together()
    {
        using var copy = new ContentCopy();
        copy.Replace(Session, "venue: bnf", "venue: nowhere");
        copy.Replace("sessions/studio-rfi.md", "audience:", "audiance:");
        copy.Replace("speakers/kak.md", "role:", "rôle:");

        var result = copy.Check();

        var files = result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Path).Distinct().ToList();
        Assert.Equal(["content/sessions/atelier-compar-ia.md", "content/sessions/studio-rfi.md", "content/speakers/kak.md"], files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_translation_is_a_warning_and_the_english_site_links_to_french()
    {
        using var copy = new ContentCopy();
        copy.Delete(SessionEn);

        var result = copy.Build();

        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("no English translation", warning.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(copy.Output, "en/programme/atelier-compar-ia/index.html")));
        var programme = File.ReadAllText(Path.Combine(copy.Output, "en/programme/index.html"));
        Assert.Contains("href=\"/programme/atelier-compar-ia/\"", programme, StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_is_checked_but_left_out_of_the_site()
    {
        using var copy = new ContentCopy();
        copy.Replace(Session, "audience: tout-public", "audience: tout-public\ndraft: true");

        var result = copy.Build();

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.False(File.Exists(Path.Combine(copy.Output, "programme/atelier-compar-ia/index.html")));
        Assert.True(File.Exists(Path.Combine(copy.Output, "programme/atelier-compar-ia-2/index.html")));
    }
}
