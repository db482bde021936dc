using System.Net;
using System.Net.Http.Json;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// A request sent again with the same <c>Idempotency-Key</c> gets the booking of its first attempt: the same
/// booking id, the same manage token, and the current results. Without a key nothing changes.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class IdempotencyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_retry_after_an_outage_gets_the_first_attempts_token_which_cancels_the_seat_written_before_it()
    {
        await using var relay = StorageRelay.Start(azurite.Server);
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard, storage: relay.ConnectionString);
        var key = Guid.NewGuid().ToString();

        // The network to storage is lost right after the first session's transaction.
        relay.CutAfterTransactions(1);
        var first = await SendAsync(api, key, ApiServer.Person(1, "small", "rush"));
        relay.Mend();
        var retry = await SendAsync(api, key, ApiServer.Person(1, "small", "rush"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var body = await ApiServer.JsonAsync(retry);
        Assert.All(body.GetProperty("results").EnumerateArray(), r => Assert.Equal("confirmed", r.GetProperty("status").GetString()));
        Assert.Equal((await api.Store.PersonalData.RegistrationsAsync("small")).Single().BookingId, body.GetProperty("bookingId").GetString());
        var cancelled = await api.Client.DeleteAsync($"/api/registrations/{body.GetProperty("manageToken").GetString()}/sessions/small");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(0, (await api.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
        Assert.Equal(1, (await api.Store.Seats.CountsAsync("rush"))!.Value.Confirmed);
    }

    [Fact]
    public async Task A_form_posted_twice_with_the_same_key_field_lands_on_the_same_booking()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.Client.BaseAddress };
        var key = Guid.NewGuid().ToString();
        FormUrlEncodedContent Form() => new(
        [
            new("sessions", "small"), new("firstName", "Camille"), new("lastName", "Martin"), new("email", "camille@example.org"),
            new("lang", "fr"), new("acceptPrivacy", "true"), new("website", ""), new("idempotencyKey", key),
        ]);

        var first = await client.PostAsync("/api/registrations", Form());
        var again = await client.PostAsync("/api/registrations", Form());

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
    }

    [Fact]
    public async Task The_same_key_sent_with_another_email_gets_a_booking_of_its_own()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var key = Guid.NewGuid().ToString();

        var mine = await ApiServer.JsonAsync(await SendAsync(api, key, ApiServer.Person(1, "small")));
        var theirs = await ApiServer.JsonAsync(await SendAsync(api, key, ApiServer.Person(2, "small")));

        Assert.NotEqual(mine.GetProperty("manageToken").GetString(), theirs.GetProperty("manageToken").GetString());
        Assert.NotEqual(mine.GetProperty("bookingId").GetString(), theirs.GetProperty("bookingId").GetString());
        Assert.Equal(2, (await api.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
    }

    [Fact]
    public async Task Without_a_key_a_repeated_request_gets_a_token_of_its_own()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);

        var first = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(1, "small", "no-waitlist")));
        await api.Client.DeleteAsync($"/api/registrations/{first.GetProperty("manageToken").GetString()}/sessions/no-waitlist");
        var again = await ApiServer.JsonAsync(await api.RegisterAsync(ApiServer.Person(1, "small", "no-waitlist")));

        // A new booking (no-waitlist is taken again), beside the seat the first one still holds.
        Assert.NotEqual(first.GetProperty("manageToken").GetString(), again.GetProperty("manageToken").GetString());
        Assert.Equal(["registered", "confirmed"], again.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
    }

    private static Task<HttpResponseMessage> SendAsync(ApiServer api, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/registrations") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return api.Client.SendAsync(request);
    }
}
