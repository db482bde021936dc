using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>A robot that fills the trap field cannot tell from the answers that it was caught, and nothing of it is kept.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TrapTests(AzuriteFixture azurite)
{
    private static object Robot(string website) => new
    {
        sessions = new[] { "small", "rush" },
        firstName = "Robot",
        lastName = "Spam",
        email = "robot@example.org",
        organisation = "",
        lang = "fr",
        acceptWaitlist = true,
        acceptPrivacy = true,
        website,
    };

    [Fact]
    public async Task Under_version_2_a_trapped_robot_gets_held_seats_with_the_deadline_a_real_first_booking_gets()
    {
        // A clock that stands still: both answers are for the same moment.
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard, settings: new Dictionary<string, string?> { ["Registration:ConfirmByEmail"] = "true" }, clock: new TestClock(ApiServer.Now));

        var real = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(1, "small", "rush")));
        var trapped = await ApiServer.JsonAsync(await api.RegisterAsync(Robot("http://spam.example")));

        Assert.Equal(Shape(real), Shape(trapped));
        Assert.Equal(["small:held", "rush:held"], Statuses(trapped));
        Assert.Equal(
            real.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("holdUntil").GetString()),
            trapped.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("holdUntil").GetString()));
    }

    [Fact]
    public async Task A_filled_trap_field_is_answered_like_a_real_booking()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);

        var real = await api.RegisterAsync(ApiServer.Person(1, "small", "rush"));
        var trapped = await api.RegisterAsync(Robot("http://spam.example"));

        Assert.Equal(real.StatusCode, trapped.StatusCode);
        Assert.Equal(Headers(real), Headers(trapped));
        var realBody = await ApiServer.JsonAsync(real);
        var trappedBody = await ApiServer.JsonAsync(trapped);
        Assert.Equal(Shape(realBody), Shape(trappedBody));
        Assert.Equal(Statuses(realBody), Statuses(trappedBody));
        var token = trappedBody.GetProperty("manageToken").GetString()!;
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.Matches("^b_[A-Za-z0-9_-]{16}$", trappedBody.GetProperty("bookingId").GetString());

        // The token leads to an ordinary booking, through the API and as a page, with what the robot asked.
        var realBooking = await api.Client.GetAsync($"/api/registrations/{realBody.GetProperty("manageToken").GetString()}");
        var trappedBooking = await api.Client.GetAsync($"/api/registrations/{token}");
        Assert.Equal(HttpStatusCode.OK, trappedBooking.StatusCode);
        var booking = await ApiServer.JsonAsync(trappedBooking);
        Assert.Equal(Shape(await ApiServer.JsonAsync(realBooking)), Shape(booking));
        Assert.Equal(trappedBody.GetProperty("bookingId").GetString(), booking.GetProperty("bookingId").GetString());
        Assert.Equal("Robot", booking.GetProperty("firstName").GetString());
        Assert.Equal("r•••@example.org", booking.GetProperty("email").GetString());
        Assert.Equal(["small:confirmed", "rush:confirmed"], Statuses(booking));

        var page = await api.Client.GetAsync($"/api/registrations/{token}/page?lang=fr&new=1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        Assert.Equal("Votre inscription", document.QuerySelector("h1")!.TextContent);
        Assert.Contains("Bonjour Robot", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("confirmed", document.QuerySelector("[data-session=small]")!.GetAttribute("data-status"));

        // Nothing about the robot is stored and no seat is taken.
        Assert.Equal(1, (await api.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
        Assert.Equal(1, (await api.Store.Seats.CountsAsync("rush"))!.Value.Confirmed);
        Assert.Null(await api.Store.Bookings.FindBookingAsync(ManageToken.Hash(token)));
        var export = await api.Store.PersonalData.ExportAsync(["small", "rush"]);
        Assert.DoesNotContain(export, r => r.Email == "robot@example.org" || r.LastName == "Spam");
        await foreach (var entity in api.Store.Table.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            Assert.DoesNotContain(entity, p => p.Value is string text && (text.Contains("robot@", StringComparison.Ordinal) || text == "Robot"));
        }
    }

    [Fact]
    public async Task A_filled_trap_field_in_the_form_leads_to_a_booking_page_like_a_real_one()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.Client.BaseAddress };
        var form = new FormUrlEncodedContent(
        [
            new("sessions", "small"), new("firstName", "Robot"), new("lastName", "Spam"), new("email", "robot@example.org"),
            new("lang", "fr"), new("acceptPrivacy", "true"), new("website", "http://spam.example"),
        ]);

        var response = await client.PostAsync("/api/registrations", form);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/api/registrations/[A-Za-z0-9_-]{43}/page\\?lang=fr&new=1$", location);
        var page = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Place confirmée", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await api.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
    }

    /// <summary>Every key in order with the kind of its value, nested: what a client could compare.</summary>
    private static string Shape(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Select(p => p.Name + ":" + Shape(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Shape)) + "]",
        _ => element.ValueKind.ToString(),
    };

    private static string[] Statuses(JsonElement body) =>
        [.. body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("session").GetString() + ":" + r.GetProperty("status").GetString())];

    private static string Headers(HttpResponseMessage response) =>
        string.Join(",", response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date" && h.Key != "Content-Length").Select(h => h.Key + "=" + string.Join(";", h.Value)).Order(StringComparer.Ordinal));
}
