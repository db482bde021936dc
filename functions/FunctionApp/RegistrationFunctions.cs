using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Http;

namespace WeekendCulturel.Functions;

/// <summary>
/// The HTTP triggers: thin adapters over <see cref="RegistrationApi"/>, one per route of the API contract.
/// Public routes are Anonymous; the organisers' export is Function level, so the host checks its key.
/// </summary>
public sealed class RegistrationFunctions(RegistrationApi api)
{
    [Function("Sessions")]
    public async Task<IActionResult> Sessions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sessions")] HttpRequest request) =>
        new ResultAction(await api.SessionsAsync(request));

    [Function("Register")]
    public async Task<IActionResult> Register([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations")] HttpRequest request) =>
        new ResultAction(await api.RegisterAsync(request));

    [Function("Booking")]
    public async Task<IActionResult> Booking([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registrations/{token}")] HttpRequest request, string token) =>
        new ResultAction(await api.BookingAsync(request, token));

    [Function("BookingPage")]
    public async Task<IActionResult> BookingPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registrations/{token}/page")] HttpRequest request, string token) =>
        new ResultAction(await api.BookingPageAsync(request, token));

    [Function("CancelBooking")]
    public async Task<IActionResult> CancelBooking([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "registrations/{token}")] HttpRequest request, string token) =>
        new ResultAction(await api.CancelAsync(request, token, null));

    [Function("CancelBookingForm")]
    public async Task<IActionResult> CancelBookingForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations/{token}/cancel")] HttpRequest request, string token) =>
        new ResultAction(await api.CancelAsync(request, token, null));

    [Function("CancelSession")]
    public async Task<IActionResult> CancelSession([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "registrations/{token}/sessions/{sessionId}")] HttpRequest request, string token, string sessionId) =>
        new ResultAction(await api.CancelAsync(request, token, sessionId));

    [Function("CancelSessionForm")]
    public async Task<IActionResult> CancelSessionForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations/{token}/sessions/{sessionId}/cancel")] HttpRequest request, string token, string sessionId) =>
        new ResultAction(await api.CancelAsync(request, token, sessionId));

    [Function("ConfirmBooking")]
    public async Task<IActionResult> ConfirmBooking([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations/{token}/confirm")] HttpRequest request, string token) =>
        new ResultAction(await api.ConfirmAsync(request, token));

    [Function("ConfirmPage")]
    public async Task<IActionResult> ConfirmPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registrations/{token}/confirm")] HttpRequest request, string token) =>
        new ResultAction(await api.ConfirmPageAsync(request, token));

    [Function("GiveBackPage")]
    public async Task<IActionResult> GiveBackPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registrations/{token}/sessions/{sessionId}/give-back")] HttpRequest request, string token, string sessionId) =>
        new ResultAction(await api.GiveBackPageAsync(request, token, sessionId));

    [Function("Recover")]
    public async Task<IActionResult> Recover([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations/recover")] HttpRequest request) =>
        new ResultAction(await api.RecoverAsync(request));

    [Function("NewsletterConfirm")]
    public async Task<IActionResult> NewsletterConfirm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "newsletter/confirm")] HttpRequest request) =>
        new ResultAction(await api.NewsletterLinkAsync(request, NewsletterAction.Confirm));

    [Function("NewsletterConfirmPage")]
    public async Task<IActionResult> NewsletterConfirmPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "newsletter/confirm")] HttpRequest request) =>
        new ResultAction(await api.NewsletterPageAsync(request, NewsletterAction.Confirm));

    [Function("NewsletterUnsubscribe")]
    public async Task<IActionResult> NewsletterUnsubscribe([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "newsletter/unsubscribe")] HttpRequest request) =>
        new ResultAction(await api.NewsletterLinkAsync(request, NewsletterAction.Unsubscribe));

    [Function("NewsletterUnsubscribePage")]
    public async Task<IActionResult> NewsletterUnsubscribePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "newsletter/unsubscribe")] HttpRequest request) =>
        new ResultAction(await api.NewsletterPageAsync(request, NewsletterAction.Unsubscribe));

    [Function("Newsletter")]
    public async Task<IActionResult> Newsletter([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "newsletter")] HttpRequest request) =>
        new ResultAction(await api.NewsletterAsync(request));

    [Function("AdminRegistrations")]
    public async Task<IActionResult> AdminRegistrations([HttpTrigger(AuthorizationLevel.Function, "get", Route = "admin/registrations")] HttpRequest request) =>
        new ResultAction(await api.ExportAsync(request));

    [Function("OpenApi")]
    public IActionResult OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        new ContentResult { Content = OpenApiDocument.Json, ContentType = OpenApiDocument.ContentType, StatusCode = StatusCodes.Status200OK };
}
