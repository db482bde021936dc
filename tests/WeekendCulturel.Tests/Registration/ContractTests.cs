using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WeekendCulturel.Registration.Storage;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>Every route, status code and body shape of shared/registration-api.md, against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ContractTests(AzuriteFixture azurite)
{
    private Task<ApiServer> Start(int rateLimit = 0) => ApiServer.StartAsync(azurite.Server, TestSessions.Standard, rateLimit);

    [Fact]
    public async Task Sessions_lists_live_state_and_may_be_cached_ten_seconds_at_most()
    {
        await using var api = await Start();
        await api.RegisterAsync(ApiServer.Person(1, "no-waitlist"));

        var response = await api.Client.GetAsync("/api/sessions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.MaxAge <= TimeSpan.FromSeconds(10));
        var root = await ApiServer.JsonAsync(response);
        Assert.Equal("2025-02-01T10:00", root.GetProperty("now").GetString()![..16]);
        var sessions = root.GetProperty("sessions").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        Assert.Equal("open", sessions["rush"].GetProperty("state").GetString());
        Assert.Equal(25, sessions["rush"].GetProperty("capacity").GetInt32());
        Assert.Equal(25, sessions["rush"].GetProperty("remaining").GetInt32());
        Assert.Equal(0, sessions["rush"].GetProperty("waitlisted").GetInt32());
        Assert.Equal("full", sessions["no-waitlist"].GetProperty("state").GetString());
        Assert.Equal(1, sessions["no-waitlist"].GetProperty("confirmed").GetInt32());
        Assert.Equal("closed", sessions["past"].GetProperty("state").GetString());
        Assert.Equal("not-yet-open", sessions["future"].GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_full_session_with_a_waiting_list_shows_as_waitlist()
    {
        await using var api = await Start();
        await api.RegisterAsync(ApiServer.Person(1, "small"));
        await api.RegisterAsync(ApiServer.Person(2, "small"));

        var root = await ApiServer.JsonAsync(await api.Client.GetAsync("/api/sessions"));

        var small = root.GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "small");
        Assert.Equal("waitlist", small.GetProperty("state").GetString());
        Assert.Equal(0, small.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task Registering_answers_201_with_a_booking_then_200_for_the_same_again()
    {
        await using var api = await Start();

        var first = await api.RegisterAsync(ApiServer.Person(1, "small", "no-waitlist"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var body = await ApiServer.JsonAsync(first);
        Assert.StartsWith("b_", body.GetProperty("bookingId").GetString(), StringComparison.Ordinal);
        var token = body.GetProperty("manageToken").GetString()!;
        Assert.True(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=").Length * 8 >= 128);
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["small", "no-waitlist"], results.Select(r => r.GetProperty("session").GetString()));
        Assert.All(results, r => Assert.Equal("confirmed", r.GetProperty("status").GetString()));

        var again = await api.RegisterAsync(ApiServer.Person(1, "small", "no-waitlist"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repeated = await ApiServer.JsonAsync(again);
        Assert.All(repeated.GetProperty("results").EnumerateArray(), r => Assert.Equal("registered", r.GetProperty("status").GetString()));
        Assert.False(repeated.TryGetProperty("manageToken", out _));
        var counts = await api.Store.Seats.CountsAsync("small");
        Assert.Equal(1, counts!.Value.Confirmed);
    }

    [Fact]
    public async Task The_email_is_compared_trimmed_and_without_case()
    {
        await using var api = await Start();
        await api.RegisterAsync(ApiServer.Person(1, "small"));

        var shouted = await api.Client.PostAsJsonAsync("/api/registrations", new { sessions = new[] { "small" }, firstName = "C", lastName = "M", email = "  CAMILLE.MARTIN.1@Example.ORG ", acceptPrivacy = true });

        Assert.Equal(HttpStatusCode.OK, shouted.StatusCode);
        Assert.Equal(1, (await api.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
    }

    [Fact]
    public async Task Full_sessions_give_ordered_waiting_positions_or_a_rejection()
    {
        await using var api = await Start();
        await api.RegisterAsync(ApiServer.Person(1, "small", "no-waitlist"));
        await api.RegisterAsync(ApiServer.Person(2, "small"));

        var third = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(3, "small", "no-waitlist")));
        var fourth = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(4, "small")));

        var thirdResults = third.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("waitlisted", thirdResults[0].GetProperty("status").GetString());
        Assert.Equal(1, thirdResults[0].GetProperty("position").GetInt32());
        Assert.Equal("rejected", thirdResults[1].GetProperty("status").GetString());
        Assert.Equal("full", thirdResults[1].GetProperty("reason").GetString());
        Assert.Equal(2, fourth.GetProperty("results")[0].GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task Nothing_bookable_is_409_with_the_results_and_reasons()
    {
        await using var api = await Start();
        await api.RegisterAsync(ApiServer.Person(1, "rush"));

        var response = await api.RegisterAsync(ApiServer.Person(1, "past", "future", "overlapping"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var reasons = (await ApiServer.JsonAsync(response)).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("reason").GetString()).ToList();
        Assert.Equal(["closed", "not-yet-open", "conflict"], reasons);
    }

    [Fact]
    public async Task A_booking_is_read_with_its_token_and_the_email_masked()
    {
        await using var api = await Start();
        var created = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(7, "small")));
        var token = created.GetProperty("manageToken").GetString();

        var response = await api.Client.GetAsync($"/api/registrations/{token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var booking = await ApiServer.JsonAsync(response);
        Assert.Equal(created.GetProperty("bookingId").GetString(), booking.GetProperty("bookingId").GetString());
        Assert.Equal("Camille", booking.GetProperty("firstName").GetString());
        Assert.Equal("c•••@example.org", booking.GetProperty("email").GetString());
        Assert.Equal("confirmed", booking.GetProperty("results")[0].GetProperty("status").GetString());

        var unknown = await api.Client.GetAsync("/api/registrations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync("/api/registrations/not-a-token")).StatusCode);
    }

    [Fact]
    public async Task Cancelling_frees_the_seat_for_the_first_waiting_and_twice_is_not_an_error()
    {
        await using var api = await Start();
        var holder = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(1, "small", "rush")));
        await api.RegisterAsync(ApiServer.Person(2, "small"));
        var waiting1 = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(3, "small")));
        var waiting2 = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(4, "small")));
        var token = holder.GetProperty("manageToken").GetString();

        var cancelled = await api.Client.DeleteAsync($"/api/registrations/{token}/sessions/small");

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var results = (await ApiServer.JsonAsync(cancelled)).GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("session").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal("cancelled", results["small"]);
        Assert.Equal("confirmed", results["rush"]);
        var promoted = await ApiServer.JsonAsync(await api.Client.GetAsync($"/api/registrations/{waiting1.GetProperty("manageToken").GetString()}"));
        Assert.Equal("confirmed", promoted.GetProperty("results")[0].GetProperty("status").GetString());
        var next = await ApiServer.JsonAsync(await api.Client.GetAsync($"/api/registrations/{waiting2.GetProperty("manageToken").GetString()}"));
        Assert.Equal(1, next.GetProperty("results")[0].GetProperty("position").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await api.Client.DeleteAsync($"/api/registrations/{token}/sessions/small")).StatusCode);
        var all = await api.Client.PostAsync($"/api/registrations/{token}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.All((await ApiServer.JsonAsync(all)).GetProperty("results").EnumerateArray(), r => Assert.Equal("cancelled", r.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await api.Client.DeleteAsync($"/api/registrations/{token}")).StatusCode);
        var counts = await api.Store.Seats.CountsAsync("small");
        Assert.Equal(new SeatCounts(2, 2, 1, 0), counts!.Value);
    }

    [Fact]
    public async Task The_form_fallback_answers_303_to_the_booking_page()
    {
        await using var api = await Start();
        var form = new FormUrlEncodedContent(
        [
            new("sessions", "small"), new("sessions", "rush"), new("firstName", "Camille"), new("lastName", "Martin"),
            new("email", "camille@example.org"), new("lang", "en"), new("acceptPrivacy", "true"), new("website", ""),
        ]);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.Client.BaseAddress };

        var response = await client.PostAsync("/api/registrations", form);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/api/registrations/[A-Za-z0-9_-]{43}/page\\?lang=en&new=1$", location);
        var page = await client.GetStringAsync(location);
        Assert.Contains("Seat confirmed", page, StringComparison.Ordinal);
        Assert.Contains("/en/calendar/small.ics", page, StringComparison.Ordinal);

        var cancel = await client.PostAsync(location.Replace("/page?lang=en&new=1", "/sessions/small/cancel", StringComparison.Ordinal), new FormUrlEncodedContent([new("lang", "en")]));
        Assert.Equal(HttpStatusCode.SeeOther, cancel.StatusCode);
        Assert.Contains("Cancelled", await client.GetStringAsync(cancel.Headers.Location), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_with_mistakes_gets_a_page_that_lists_them()
    {
        await using var api = await Start();
        var form = new FormUrlEncodedContent([new("sessions", "small"), new("firstName", ""), new("lastName", "Martin"), new("email", "nope"), new("lang", "fr")]);

        var response = await api.Client.PostAsync("/api/registrations", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Prénom", html, StringComparison.Ordinal);
        Assert.Contains("Saisissez une adresse électronique valide", html, StringComparison.Ordinal);
        Assert.Contains("Vous devez accepter le traitement", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trap_field_is_answered_like_a_success_and_stores_nothing()
    {
        await using var api = await Start();
        var body = new { sessions = new[] { "small" }, firstName = "Bot", lastName = "Bot", email = "bot@example.org", acceptPrivacy = true, website = "http://spam.example" };

        var response = await api.Client.PostAsJsonAsync("/api/registrations", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("confirmed", (await ApiServer.JsonAsync(response)).GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal(0, (await api.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
    }

    [Fact]
    public async Task Problems_are_written_in_the_request_language()
    {
        await using var api = await Start();

        var english = await api.Client.PostAsJsonAsync("/api/registrations", new { sessions = new[] { "small" }, lang = "en", acceptPrivacy = true });
        var french = await api.Client.PostAsJsonAsync("/api/registrations", new { sessions = new[] { "small" }, acceptPrivacy = true });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/registrations") { Content = JsonContent.Create(new { sessions = new[] { "small" } }) };
        request.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.8");
        var browser = await api.Client.SendAsync(request);

        Assert.Equal("This field is required.", (await ApiServer.JsonAsync(english)).GetProperty("errors").GetProperty("firstName")[0].GetString());
        Assert.Equal("Ce champ est obligatoire.", (await ApiServer.JsonAsync(french)).GetProperty("errors").GetProperty("firstName")[0].GetString());
        Assert.Equal("Some fields need correcting", (await ApiServer.JsonAsync(browser)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Over_the_rate_limit_is_429_with_retry_after()
    {
        await using var api = await Start(rateLimit: 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await api.RegisterAsync(ApiServer.Person(i, "rush"))).StatusCode);
        }

        var refused = await api.RegisterAsync(ApiServer.Person(9, "rush"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(3, (await api.Store.Seats.CountsAsync("rush"))!.Value.Confirmed);
    }

    [Fact]
    public async Task The_newsletter_accepts_the_same_email_twice()
    {
        await using var api = await Start();
        var body = new { email = "lecteur@example.org", lang = "fr", acceptPrivacy = true, website = "" };

        Assert.Equal(HttpStatusCode.Accepted, (await api.Client.PostAsJsonAsync("/api/newsletter", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await api.Client.PostAsJsonAsync("/api/newsletter", body)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.Client.PostAsJsonAsync("/api/newsletter", new { email = "x" })).StatusCode);
    }

    [Fact]
    public async Task The_organisers_export_needs_the_key_and_neutralises_formulas()
    {
        await using var api = await Start();
        await api.RegisterAsync(new { sessions = new[] { "small" }, firstName = "=HYPERLINK(\"http://x\")", lastName = "+33 1 23", email = "a@example.org", organisation = "@Culture, \"Paris\"", acceptPrivacy = true });
        await api.RegisterAsync(ApiServer.Person(2, "small"));
        await api.RegisterAsync(ApiServer.Person(3, "small"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Client.GetAsync("/api/admin/registrations")).StatusCode);
        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, "/api/admin/registrations?session=small");
        csvRequest.Headers.Add("x-functions-key", ApiServer.AdminKey);
        var csv = await api.Client.SendAsync(csvRequest);

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"session\",\"status\",\"position\",\"firstName\",\"lastName\",\"email\",\"organisation\",\"registeredAt\"", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("\"small\",\"confirmed\",\"\",\"'=HYPERLINK(\"\"http://x\"\")\",\"'+33 1 23\",\"a@example.org\",\"'@Culture, \"\"Paris\"\"\",", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("\"small\",\"waitlisted\",\"1\",", lines[3], StringComparison.Ordinal);

        using var jsonRequest = new HttpRequestMessage(HttpMethod.Get, "/api/admin/registrations");
        jsonRequest.Headers.Add("x-functions-key", ApiServer.AdminKey);
        jsonRequest.Headers.Accept.ParseAdd("application/json");
        var json = await ApiServer.JsonAsync(await api.Client.SendAsync(jsonRequest));
        Assert.Equal(3, json.GetArrayLength());
    }
}
