using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WeekendCulturel.Functions;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Http;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// The Azure Functions classes called directly, as the Functions host would call them (the Core Tools
/// cannot run here), with the same services as in production and a real Azurite behind them.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionTests(AzuriteFixture azurite)
{
    private static async Task<(int Status, string Body, IHeaderDictionary Headers)> Invoke(IServiceProvider services, IActionResult action)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        await action.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync(), context.Response.Headers);
    }

    private static HttpRequest Request(IServiceProvider services, string method, string? json = null)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        if (json is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
            context.Request.ContentLength = context.Request.Body.Length;
        }

        return context.Request;
    }

    [Fact]
    public async Task The_http_triggers_register_read_and_cancel()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        var functions = new RegistrationFunctions(api.Services.GetRequiredService<RegistrationApi>());

        var registered = await Invoke(api.Services, await functions.Register(Request(api.Services, "POST", JsonSerializer.Serialize(ApiServer.Person(1, "small")))));
        Assert.Equal(201, registered.Status);
        var token = JsonDocument.Parse(registered.Body).RootElement.GetProperty("manageToken").GetString()!;

        var sessions = await Invoke(api.Services, await functions.Sessions(Request(api.Services, "GET")));
        Assert.Equal(200, sessions.Status);
        Assert.Contains("\"id\":\"small\"", sessions.Body, StringComparison.Ordinal);

        var booking = await Invoke(api.Services, await functions.Booking(Request(api.Services, "GET"), token));
        Assert.Equal(200, booking.Status);

        var cancelled = await Invoke(api.Services, await functions.CancelSession(Request(api.Services, "DELETE"), token, "small"));
        Assert.Equal(200, cancelled.Status);
        Assert.Contains("\"status\":\"cancelled\"", cancelled.Body, StringComparison.Ordinal);

        var bad = await Invoke(api.Services, await functions.Register(Request(api.Services, "POST", "{")));
        Assert.Equal(400, bad.Status);

        var page = await Invoke(api.Services, await functions.BookingPage(Request(api.Services, "GET"), token));
        Assert.Equal(200, page.Status);
        Assert.Contains("Annulée", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_retention_timer_deletes_personal_data_only_when_due()
    {
        await using var before = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        await before.RegisterAsync(ApiServer.Person(1, "small"));
        await before.Client.PostAsync("/api/newsletter", new StringContent("{\"email\":\"n@example.org\",\"acceptPrivacy\":true}", Encoding.UTF8, "application/json"));
        var options = before.Services.GetRequiredService<WeekendCulturel.Registration.RegistrationOptions>();

        var notYet = new RetentionFunction(new Retention(before.Store, options, new Generator.Registration.ShiftedClock(DateTimeOffset.Parse("2025-05-09T12:00:00+02:00"))), NullLogger<RetentionFunction>.Instance);
        await notYet.Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        Assert.Equal(1, (await before.Store.Seats.CountsAsync("small"))!.Value.Confirmed);
        Assert.NotNull(await before.Store.Seats.ExistingAsync("small", before.Services.GetRequiredService<EmailIdentity>().Hash("camille.martin.1@example.org")));

        var due = new RetentionFunction(new Retention(before.Store, options, new Generator.Registration.ShiftedClock(DateTimeOffset.Parse("2025-05-10T00:00:01+02:00"))), NullLogger<RetentionFunction>.Instance);
        await due.Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);

        Assert.Null(await before.Store.Seats.ExistingAsync("small", before.Services.GetRequiredService<EmailIdentity>().Hash("camille.martin.1@example.org")));
        var left = new List<string>();
        await foreach (var e in before.Store.Table.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            left.Add(e.PartitionKey + "/" + e.RowKey);
        }

        Assert.DoesNotContain(left, k => k.StartsWith("!newsletter", StringComparison.Ordinal) || k.StartsWith("!b-", StringComparison.Ordinal) || k.Contains("/r-", StringComparison.Ordinal));
        Assert.Contains("small/!counter", left);
    }

    [Fact]
    public void The_release_build_metadata_lists_every_route_with_its_methods_and_level()
    {
        var configuration = typeof(FunctionTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .Cast<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;
        var file = Path.Combine(Repository.Root, "functions", "FunctionApp", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(file), $"{file} is missing: the Functions SDK did not run");
        var functions = JsonDocument.Parse(File.ReadAllText(file)).RootElement.EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("direction").GetString() == "In"));

        (string Name, string Route, string Method, string Level)[] expected =
        [
            ("Sessions", "sessions", "get", "Anonymous"),
            ("Register", "registrations", "post", "Anonymous"),
            ("Booking", "registrations/{token}", "get", "Anonymous"),
            ("BookingPage", "registrations/{token}/page", "get", "Anonymous"),
            ("CancelBooking", "registrations/{token}", "delete", "Anonymous"),
            ("CancelBookingForm", "registrations/{token}/cancel", "post", "Anonymous"),
            ("CancelSession", "registrations/{token}/sessions/{sessionId}", "delete", "Anonymous"),
            ("CancelSessionForm", "registrations/{token}/sessions/{sessionId}/cancel", "post", "Anonymous"),
            ("Newsletter", "newsletter", "post", "Anonymous"),
            ("AdminRegistrations", "admin/registrations", "get", "Function"),
        ];
        foreach (var (name, route, method, level) in expected)
        {
            var binding = functions[name];
            Assert.Equal("httpTrigger", binding.GetProperty("type").GetString());
            Assert.Equal(route, binding.GetProperty("route").GetString());
            Assert.Equal([method], binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal(level, binding.GetProperty("authLevel").GetString());
        }

        Assert.Equal("timerTrigger", functions["Retention"].GetProperty("type").GetString());
        Assert.Equal(expected.Length + 1, functions.Count);
    }
}
