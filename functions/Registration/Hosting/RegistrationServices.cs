using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Http;
using WeekendCulturel.Registration.Mail;
using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Registration.Hosting;

/// <summary>The registration backend's services, in one call for both hosts (Functions and serve).</summary>
public static class RegistrationServices
{
    public static IServiceCollection AddRegistration(this IServiceCollection services, IConfiguration configuration, TimeProvider? clock = null)
    {
        services.Configure<RegistrationOptions>(configuration.GetSection(RegistrationOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RegistrationOptions>>().Value);
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddSingleton(sp => new RegistrationStore(sp.GetRequiredService<RegistrationOptions>()));
        services.AddHostedService<SettingsCheck>();
        services.AddSingleton(sp => new EmailIdentity(Secret(sp)));
        services.AddSingleton(sp => new IdempotencyKeys(Secret(sp)));
        services.AddSingleton(sp => new BookingSecrets(Secret(sp)));
        services.AddSingleton(sp => new NewsletterTokens(Secret(sp)));
        services.AddSingleton<SessionCatalogue>();
        services.AddSingleton<RegistrationService>();
        // Links in e-mails are absolute; without a site address (a host that serves site and API together) they start at the API's own host.
        services.AddSingleton(sp => new MailRenderer(sp.GetRequiredService<RegistrationOptions>().SiteUrl ?? new Uri("http://localhost/"), sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));

        // Messages are nudged to a dispatcher in this process unless the host says otherwise (Azure: a queue).
        services.TryAddSingleton<InProcessNudge>();
        services.TryAddSingleton<IMessageNudge>(sp => sp.GetRequiredService<InProcessNudge>());
        services.TryAddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<MailDispatcher>();
        services.AddSingleton<Sweeps>();
        services.AddSingleton<Retention>();
        services.AddSingleton(sp => new ClientRateLimiter(sp.GetRequiredService<RegistrationOptions>()));
        services.AddSingleton<RegistrationApi>();
        return services;
    }

    /// <summary>The server's secret: the key of the emails' hashes, from which the idempotent bookings' tokens are derived too.</summary>
    private static byte[] Secret(IServiceProvider services)
    {
        // Hosts without hosted services (the sync command) meet SettingsCheck's refusal here, at first use.
        var options = services.GetRequiredService<RegistrationOptions>();
        if (options.Problems() is [_, ..] problems)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        return Encoding.UTF8.GetBytes(options.EmailHashKey!);
    }

    /// <summary>The API's routes under <c>/api</c>, for a plain ASP.NET Core host (serve).</summary>
    public static IEndpointRouteBuilder MapRegistrationApi(this IEndpointRouteBuilder endpoints)
    {
        RegistrationApi Api(HttpContext c) => c.RequestServices.GetRequiredService<RegistrationApi>();

        var api = endpoints.MapGroup("/api");
        api.MapGet("/sessions", (HttpRequest r) => Api(r.HttpContext).SessionsAsync(r));
        api.MapPost("/registrations", (HttpRequest r) => Api(r.HttpContext).RegisterAsync(r));
        api.MapGet("/registrations/{token}", (HttpContext c, string token) => Api(c).BookingAsync(c.Request, token));
        api.MapGet("/registrations/{token}/page", (HttpContext c, string token) => Api(c).BookingPageAsync(c.Request, token));
        api.MapDelete("/registrations/{token}", (HttpContext c, string token) => Api(c).CancelAsync(c.Request, token, null));
        api.MapPost("/registrations/{token}/cancel", (HttpContext c, string token) => Api(c).CancelAsync(c.Request, token, null));
        api.MapDelete("/registrations/{token}/sessions/{sessionId}", (HttpContext c, string token, string sessionId) => Api(c).CancelAsync(c.Request, token, sessionId));
        api.MapPost("/registrations/{token}/sessions/{sessionId}/cancel", (HttpContext c, string token, string sessionId) => Api(c).CancelAsync(c.Request, token, sessionId));
        api.MapPost("/registrations/{token}/confirm", (HttpContext c, string token) => Api(c).ConfirmAsync(c.Request, token));
        api.MapGet("/registrations/{token}/confirm", (HttpContext c, string token) => Api(c).ConfirmPageAsync(c.Request, token));
        api.MapGet("/registrations/{token}/sessions/{sessionId}/give-back", (HttpContext c, string token, string sessionId) => Api(c).GiveBackPageAsync(c.Request, token, sessionId));
        api.MapPost("/registrations/recover", (HttpRequest r) => Api(r.HttpContext).RecoverAsync(r));
        api.MapPost("/newsletter", (HttpRequest r) => Api(r.HttpContext).NewsletterAsync(r));
        api.MapPost("/newsletter/confirm", (HttpRequest r) => Api(r.HttpContext).NewsletterLinkAsync(r, NewsletterAction.Confirm));
        api.MapGet("/newsletter/confirm", (HttpRequest r) => Api(r.HttpContext).NewsletterPageAsync(r, NewsletterAction.Confirm));
        api.MapPost("/newsletter/unsubscribe", (HttpRequest r) => Api(r.HttpContext).NewsletterLinkAsync(r, NewsletterAction.Unsubscribe));
        api.MapGet("/newsletter/unsubscribe", (HttpRequest r) => Api(r.HttpContext).NewsletterPageAsync(r, NewsletterAction.Unsubscribe));
        api.MapGet("/admin/registrations", (HttpRequest r) => Api(r.HttpContext).ExportAsync(r));
        api.MapGet("/openapi.json", () => Results.Text(OpenApiDocument.Json, OpenApiDocument.ContentType));
        return endpoints;
    }
}
