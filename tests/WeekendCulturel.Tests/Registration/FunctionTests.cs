using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WeekendCulturel.Contract;
using WeekendCulturel.Functions;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Http;
using WeekendCulturel.Registration.Storage;
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
    public async Task The_booking_and_error_pages_send_their_own_security_headers()
    {
        await using var api = await ApiServer.StartAsync(azurite.Server, TestSessions.Standard);
        const string script = "document.documentElement.setAttribute('data-wc-js','')";
        // The site's page as sync stores it, with its one inline script: Static Web Apps does not add the
        // site's headers to what the linked backend answers, so the page must carry a policy that allows it.
        await api.Store.Catalogue.SetSiteValueAsync(CatalogueSync.ShellRow("fr"), $"<!DOCTYPE html><html lang=\"fr\"><head><title>{PageShellMarkers.Title}</title><script>{script}</script><script type=\"application/ld+json\">{{}}</script></head><body>{PageShellMarkers.Main}</body></html>");
        var functions = new RegistrationFunctions(api.Services.GetRequiredService<RegistrationApi>());
        var registered = await Invoke(api.Services, await functions.Register(Request(api.Services, "POST", JsonSerializer.Serialize(ApiServer.Person(1, "small")))));
        var token = JsonDocument.Parse(registered.Body).RootElement.GetProperty("manageToken").GetString()!;
        var form = Request(api.Services, "POST");
        form.ContentType = "application/x-www-form-urlencoded";
        form.Body = new MemoryStream(Encoding.ASCII.GetBytes("sessions=small&lang=fr"));

        var page = await Invoke(api.Services, await functions.BookingPage(Request(api.Services, "GET"), token));
        var errors = await Invoke(api.Services, await functions.Register(form));

        Assert.Equal(200, page.Status);
        Assert.Equal(422, errors.Status);
        foreach (var (name, headers) in new[] { ("booking page", page.Headers), ("error page", errors.Headers) })
        {
            var policy = headers.ContentSecurityPolicy.ToString();
            Assert.True(policy.Contains("'sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(script))) + "'", StringComparison.Ordinal), $"{name}: {policy}");
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.StartsWith("max-age=", headers.StrictTransportSecurity.ToString(), StringComparison.Ordinal);
            Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
            Assert.Equal("strict-origin-when-cross-origin", headers["Referrer-Policy"].ToString());
            Assert.Equal("no-store", headers.CacheControl.ToString());
        }
    }

    [Fact]
    public void The_forwarding_chain_the_host_received_is_given_back_to_the_rate_limit()
    {
        // What the host hands the worker with an HTTP trigger: the request's headers as it received them, in
        // JSON, while the request itself arrives with X-Forwarded-For reduced to the host's own peer.
        var bindingData = new Dictionary<string, object?>
        {
            ["Query"] = "{}",
            ["Headers"] = "{\"Host\":\"func-wc-prod.azurewebsites.net\",\"x-forwarded-for\":\"198.51.100.1, 203.0.113.7, 192.0.2.10:443\"}",
        };

        var chain = ForwardedForMiddleware.ReceivedChain(bindingData);

        Assert.Equal("198.51.100.1, 203.0.113.7, 192.0.2.10:443", chain);
        var request = new DefaultHttpContext().Request;
        request.Headers["X-Forwarded-For"] = chain;
        Assert.Equal("203.0.113.7", ClientAddress.BucketOf(request, trustedProxies: 2));
        Assert.Null(ForwardedForMiddleware.ReceivedChain(new Dictionary<string, object?> { ["Headers"] = "{\"Host\":\"func-wc-prod.azurewebsites.net\"}" }));
        Assert.Null(ForwardedForMiddleware.ReceivedChain(new Dictionary<string, object?> { ["Headers"] = "not json" }));
        Assert.Null(ForwardedForMiddleware.ReceivedChain(new Dictionary<string, object?>()));
    }

    [Fact]
    public void Host_telemetry_names_requests_by_function_and_records_no_address_holding_a_manage_token()
    {
        // The worker sends no telemetry of its own: the Functions host records the requests, and by default
        // with their URL (/api/registrations/{token}/page). host.json is the only place to stop it.
        var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "functions", "FunctionApp", "host.json"))).RootElement;
        var insights = host.GetProperty("logging").GetProperty("applicationInsights");

        Assert.False(insights.GetProperty("httpAutoCollectionOptions").GetProperty("enableHttpTriggerExtendedInfoCollection").GetBoolean());
        Assert.False(insights.GetProperty("enableDependencyTracking").GetBoolean());
        Assert.False(host.TryGetProperty("telemetryMode", out _), "the host's OpenTelemetry mode records url.path");
        Assert.Equal("Warning", host.GetProperty("logging").GetProperty("logLevel").GetProperty("default").GetString());
        Assert.False(host.GetProperty("logging").GetProperty("logLevel").TryGetProperty("Microsoft.AspNetCore", out _), "ASP.NET Core logs each request's path at Information");
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
        Assert.NotEmpty(await before.Store.PersonalData.RegistrationsAsync("small"));

        var due = new RetentionFunction(new Retention(before.Store, options, new Generator.Registration.ShiftedClock(DateTimeOffset.Parse("2025-05-10T00:00:01+02:00"))), NullLogger<RetentionFunction>.Instance);
        await due.Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);

        Assert.Empty(await before.Store.PersonalData.RegistrationsAsync("small"));
        var left = new List<string>();
        await foreach (var e in before.Store.Table.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            left.Add(e.PartitionKey + "/" + e.RowKey);
        }

        Assert.DoesNotContain(left, k => k.StartsWith(TableKeys.Newsletter, StringComparison.Ordinal) || TableKeys.Bookings.Starts(k) || k.Contains("/" + TableKeys.Registration.Text, StringComparison.Ordinal));
        Assert.Contains($"small/{TableKeys.Counter}", left);
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
            ("ConfirmBooking", "registrations/{token}/confirm", "post", "Anonymous"),
            ("ConfirmPage", "registrations/{token}/confirm", "get", "Anonymous"),
            ("GiveBackPage", "registrations/{token}/sessions/{sessionId}/give-back", "get", "Anonymous"),
            ("Recover", "registrations/recover", "post", "Anonymous"),
            ("Newsletter", "newsletter", "post", "Anonymous"),
            ("NewsletterConfirm", "newsletter/confirm", "post", "Anonymous"),
            ("NewsletterConfirmPage", "newsletter/confirm", "get", "Anonymous"),
            ("NewsletterUnsubscribe", "newsletter/unsubscribe", "post", "Anonymous"),
            ("NewsletterUnsubscribePage", "newsletter/unsubscribe", "get", "Anonymous"),
            ("AdminRegistrations", "admin/registrations", "get", "Function"),
            ("OpenApi", "openapi.json", "get", "Anonymous"),
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
        Assert.Equal("timerTrigger", functions["Sweep"].GetProperty("type").GetString());
        Assert.Equal(("queueTrigger", "mail-nudges"), (functions["DispatchMail"].GetProperty("type").GetString(), functions["DispatchMail"].GetProperty("queueName").GetString()));
        Assert.Equal(expected.Length + 3, functions.Count);
    }
}
