using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Http;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// A request its client gave up on is not a storage outage: it is not answered 503, and the counter this
/// instance holds is kept when nothing of the request was sent to storage.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClientCancellationTests(AzuriteFixture azurite)
{
    private static readonly SessionDefinition Rush = TestSessions.Standard.Single(s => s.Id == "rush");

    [Fact]
    public async Task A_registration_abandoned_before_it_was_sent_is_no_outage_and_keeps_the_counter_held()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        await RegisterAsync(api, 1, CancellationToken.None);
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        var abandoned = await Record.ExceptionAsync(() => RegisterAsync(api, 2, gone.Token));
        var before = api.Store.Requests;
        await RegisterAsync(api, 3, CancellationToken.None);

        Assert.IsAssignableFrom<OperationCanceledException>(abandoned);
        // Only the next registration's transaction: the counter held in memory was not dropped and read again.
        Assert.Equal(1, api.Store.Requests - before);
        await ConcurrencyTests.AssertConsistent(api, "rush", confirmed: 2, waiting: 0);
    }

    [Fact]
    public async Task A_request_whose_client_went_away_is_answered_as_such_not_as_an_outage()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        await api.RegisterAsync(ApiServer.Person(1, "rush"));
        using var gone = new CancellationTokenSource();
        var context = new DefaultHttpContext { RequestAborted = gone.Token, RequestServices = api.Services };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new GoneAfterBody(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ApiServer.Person(2, "rush")), gone);

        var result = await api.Services.GetRequiredService<RegistrationApi>().RegisterAsync(context.Request);

        Assert.Equal(499, (result as IStatusCodeHttpResult)?.StatusCode);
        Assert.Equal(1, (await api.Store.Seats.CountsAsync("rush"))!.Value.Confirmed);
    }

    private static Task RegisterAsync(ApiServer api, int person, CancellationToken cancellation)
    {
        var email = $"camille.martin.{person}@example.org";
        var hash = api.Services.GetRequiredService<EmailIdentity>().Hash(email);
        var applicant = new Applicant("Camille", $"Martin-{person}", email, "", "fr", AcceptWaitlist: true);
        return api.Store.Seats.RegisterAsync(Rush, applicant, hash, ManageToken.NewBookingId(), ApiServer.Now, cancellation: cancellation);
    }

    /// <summary>A request body whose client disconnects as soon as the server has read it all.</summary>
    private sealed class GoneAfterBody(byte[] body, CancellationTokenSource client) : MemoryStream(body)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = Read(buffer.Span);
            if (read == 0)
            {
                client.Cancel();
            }

            return ValueTask.FromResult(read);
        }
    }
}
