using Microsoft.Extensions.DependencyInjection;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Storage;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>The catalogue can change between a request's validation and its registration.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CatalogueRefreshTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_session_dropped_by_a_refresh_after_validation_is_rejected_as_closed()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, [.. TestSessions.Standard, TestSessions.Session("dropped", 10, start: "2025-02-08T18:00:00+01:00", end: "2025-02-08T19:00:00+01:00")]);
        var service = api.Services.GetRequiredService<RegistrationService>();
        Assert.Contains("dropped", (await service.SessionsAsync()).Keys);

        // The site is published without it, and this instance reads its catalogue again.
        await api.Store.Table.DeleteEntityAsync(TableKeys.Sessions, "dropped");
        api.Services.GetRequiredService<SessionCatalogue>().Invalidate();
        var reply = await service.RegisterAsync(["small", "dropped"], new Applicant("Camille", "Martin", "camille@example.org", "", "fr", AcceptWaitlist: true));

        Assert.Equal(("small", OutcomeStatus.Confirmed), (reply.Results[0].Session, reply.Results[0].Status));
        Assert.Equal(("dropped", OutcomeStatus.Rejected, (RejectionReason?)RejectionReason.Closed), (reply.Results[1].Session, reply.Results[1].Status, reply.Results[1].Reason));
    }
}
