using System.Net;
using System.Text;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>Bad requests get the status the contract gives them, as problem details, and change nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BadInputTests(AzuriteFixture azurite)
{
    private const string Valid = "\"firstName\":\"Camille\",\"lastName\":\"Martin\",\"email\":\"camille@example.org\",\"acceptPrivacy\":true";

    public static TheoryData<string, string, string, int, string?> Cases => new()
    {
        // name, content type, body, expected status, field that must carry an error
        { "malformed JSON", "application/json", "{\"sessions\": [\"small\"", 400, null },
        { "empty body", "application/json", "", 400, null },
        { "JSON that is not an object", "application/json", "[\"small\"]", 400, null },
        { "another content type", "text/plain", "sessions=small", 415, null },
        { "XML", "application/xml", "<registration/>", 415, null },
        { "17 KiB body", "application/json", "{\"sessions\":[\"small\"]," + Valid + ",\"organisation\":\"" + new string('x', 17 * 1024) + "\"}", 413, null },
        { "sessions is a text", "application/json", "{\"sessions\":\"small\"," + Valid + "}", 422, "sessions" },
        { "a name is a number", "application/json", "{\"sessions\":[\"small\"],\"firstName\":42,\"lastName\":\"Martin\",\"email\":\"a@example.org\",\"acceptPrivacy\":true}", 422, "firstName" },
        { "acceptPrivacy is a text", "application/json", "{\"sessions\":[\"small\"],\"firstName\":\"C\",\"lastName\":\"M\",\"email\":\"a@example.org\",\"acceptPrivacy\":\"yes\"}", 422, "acceptPrivacy" },
        { "privacy not accepted", "application/json", "{\"sessions\":[\"small\"],\"firstName\":\"C\",\"lastName\":\"M\",\"email\":\"a@example.org\",\"acceptPrivacy\":false}", 422, "acceptPrivacy" },
        { "huge name", "application/json", "{\"sessions\":[\"small\"],\"firstName\":\"" + new string('a', 101) + "\",\"lastName\":\"M\",\"email\":\"a@example.org\",\"acceptPrivacy\":true}", 422, "firstName" },
        { "control characters in a name", "application/json", "{\"sessions\":[\"small\"],\"firstName\":\"Cam\\u0000ille\\u001b[31m\",\"lastName\":\"M\",\"email\":\"a@example.org\",\"acceptPrivacy\":true}", 422, "firstName" },
        { "markup in a name", "application/json", "{\"sessions\":[\"small\"],\"firstName\":\"<script>alert(1)</script>\",\"lastName\":\"M\",\"email\":\"a@example.org\",\"acceptPrivacy\":true}", 422, "firstName" },
        { "invalid email", "application/json", "{\"sessions\":[\"small\"],\"firstName\":\"C\",\"lastName\":\"M\",\"email\":\"camille@\",\"acceptPrivacy\":true}", 422, "email" },
        { "email over 254 characters", "application/json", "{\"sessions\":[\"small\"],\"firstName\":\"C\",\"lastName\":\"M\",\"email\":\"" + new string('a', 250) + "@example.org\",\"acceptPrivacy\":true}", 422, "email" },
        { "unknown session id", "application/json", "{\"sessions\":[\"small\",\"nulle-part\"]," + Valid + "}", 422, "sessions" },
        { "repeated session id", "application/json", "{\"sessions\":[\"small\",\"small\"]," + Valid + "}", 422, "sessions" },
        { "no session", "application/json", "{\"sessions\":[]," + Valid + "}", 422, "sessions" },
        { "eleven sessions", "application/json", "{\"sessions\":[\"s1\",\"s2\",\"s3\",\"s4\",\"s5\",\"s6\",\"s7\",\"s8\",\"s9\",\"s10\",\"s11\"]," + Valid + "}", 422, "sessions" },
        { "unknown field", "application/json", "{\"sessions\":[\"small\"]," + Valid + ",\"isAdmin\":true}", 422, "isAdmin" },
        { "unknown language", "application/json", "{\"sessions\":[\"small\"]," + Valid + ",\"lang\":\"de\"}", 422, "lang" },
        { "formula prefixes are names like others (neutralised in the export)", "application/json", "{\"sessions\":[\"small\"],\"firstName\":\"=SUM(A1)\",\"lastName\":\"-2+3\",\"email\":\"f@example.org\",\"acceptPrivacy\":true}", 201, null },
        { "ten sessions are allowed", "application/json", "{\"sessions\":[\"s1\",\"s2\",\"s3\",\"s4\",\"s5\",\"s6\",\"s7\",\"s8\",\"s9\",\"s10\"]," + Valid + "}", 201, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_bad_input_gets_its_status(string name, string contentType, string body, int status, string? field)
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await api.Client.PostAsync("/api/registrations", content);

        Assert.True(status == (int)response.StatusCode, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (status >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = await ApiServer.JsonAsync(response);
            Assert.Equal(status, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
            if (field is not null)
            {
                Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{name}: no error for '{field}'");
                Assert.True(messages.GetArrayLength() > 0);
            }

            Assert.Equal(0, (await api.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
        }
    }
}
