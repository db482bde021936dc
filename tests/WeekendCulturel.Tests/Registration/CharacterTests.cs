using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>What characters names and emails may hold, what is said when they hold others, and the form they are kept in.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CharacterTests(AzuriteFixture azurite)
{
    public static TheoryData<string, string> InvisibleInEmails => new()
    {
        { "NUL", "camille\u0000@example.org" },
        { "escape", "camille\u001b@example.org" },
        { "right-to-left override", "\u202Ecamille@example.org" },
        { "zero-width space", "cam\u200Bille@example.org" },
        { "word joiner", "camille@exa\u2060mple.org" },
        { "soft hyphen", "camille@ex\u00ADample.org" },
        { "byte-order mark", "\uFEFFcamille@example.org" },
    };

    [Theory]
    [MemberData(nameof(InvisibleInEmails))]
    public async Task An_email_with_control_or_format_characters_is_refused(string name, string email)
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);

        var registration = await api.RegisterAsync(new { sessions = new[] { "small" }, firstName = "Camille", lastName = "Martin", email, acceptPrivacy = true });
        var newsletter = await api.Client.PostAsJsonAsync("/api/newsletter", new { email, acceptPrivacy = true });

        Assert.True(registration.StatusCode == HttpStatusCode.UnprocessableEntity, $"{name}: {(int)registration.StatusCode}");
        Assert.True((await ApiServer.JsonAsync(registration)).GetProperty("errors").TryGetProperty("email", out _), name);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, newsletter.StatusCode);
        Assert.Equal(0, (await api.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
    }

    [Fact]
    public async Task Names_and_emails_are_kept_composed_so_one_person_is_one_person()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);

        // "Zoé Händel" typed with combining accents, then with the accented letters themselves.
        var decomposed = await api.RegisterAsync(new { sessions = new[] { "small" }, firstName = "Zoe\u0301", lastName = "Ha\u0308ndel", email = "zoe\u0301@example.org", organisation = "Muse\u0301e", acceptPrivacy = true });
        var composed = await api.RegisterAsync(new { sessions = new[] { "small" }, firstName = "Zoé", lastName = "Händel", email = "zoé@example.org", acceptPrivacy = true });

        Assert.Equal(HttpStatusCode.Created, decomposed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, composed.StatusCode);
        var row = Assert.Single(await api.Store.PersonalData.ExportAsync(["small"]));
        Assert.Equal(("Zoé", "Händel", "zoé@example.org", "Musée"), (row.FirstName, row.LastName, row.Email, row.Organisation));
    }

    public static TheoryData<string, string, string[]> RefusedNames => new()
    {
        { "fr", "<b>Camille</b>", ["chevrons", "<", ">"] },
        { "en", "<b>Camille</b>", ["Angle brackets", "<", ">"] },
        { "fr", "Cam\u0007ille", ["caractères de contrôle"] },
        { "en", "Cam\u0007ille", ["Control characters"] },
        { "fr", "Cam\u200Bille", ["caractères invisibles"] },
        { "en", "Cam\u202Eille", ["Invisible"] },
    };

    [Theory]
    [MemberData(nameof(RefusedNames))]
    public async Task A_refused_name_says_which_characters_are_not_allowed(string lang, string firstName, string[] said)
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);

        var response = await api.RegisterAsync(new { sessions = new[] { "small" }, firstName, lastName = "Martin", email = "camille@example.org", lang, acceptPrivacy = true });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var message = string.Join(' ', (await ApiServer.JsonAsync(response)).GetProperty("errors").GetProperty("firstName").EnumerateArray().Select(m => m.GetString()));
        Assert.All(said, part => Assert.Contains(part, message, StringComparison.Ordinal));
    }
}
