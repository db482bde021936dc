using System.Collections.ObjectModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WeekendCulturel.Contract;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// The HTTP handlers of the registration API (shared/registration-api.md), on ASP.NET Core abstractions so
/// that the Azure Functions app and the local <c>serve</c> host run the very same code. Every outcome is an
/// <see cref="IResult"/>: JSON, problem details, a redirect or an HTML page for forms. Logs carry session ids
/// and statuses, never a name or an email.
/// </summary>
public sealed class RegistrationApi(RegistrationService service, ClientRateLimiter limiter, RegistrationOptions options, RegistrationStore store, ILogger<RegistrationApi> logger)
{
    private static readonly TimeZoneInfo Paris = EventTime.Zone;

    private readonly TrapBookings _trapped = new();

    /// <summary>What nginx answers a client that closed the connection first; nobody reads it.</summary>
    private const int ClientClosedRequest = 499;

    /// <summary>
    /// GET /api/sessions: live seats of every session, from this instance's snapshot of storage (at most 2 s
    /// old, <see cref="RegistrationService.CountsAsync"/>). Cached 5 s more by browsers and front ends: 7 s in
    /// all, within the 10 s the contract allows.
    /// </summary>
    public Task<IResult> SessionsAsync(HttpRequest request) => Guarded(request, null, async () =>
    {
        var counts = await service.CountsAsync(request.HttpContext.RequestAborted);
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=5";
        return Results.Json(new
        {
            now = Paris_(service.Now),
            sessions = counts.Select(c => new { id = c.Id, state = c.State, capacity = c.Capacity, confirmed = c.Confirmed, held = c.Held, remaining = c.Remaining, waitlisted = c.Waitlisted, atTheDoor = c.AtTheDoor }),
        }, Problems.JsonOptions);
    });

    /// <summary>POST /api/registrations, as JSON or as the site's HTML form.</summary>
    public Task<IResult> RegisterAsync(HttpRequest request) => PostAsync(
        request,
        RegistrationInput.RegistrationFields,
        async (input, text) =>
        {
            var known = await service.SessionsAsync(request.HttpContext.RequestAborted);
            var freeEntry = input.Sessions?.Any(s => !known.ContainsKey(s)) == true
                ? await service.FreeEntryAsync(request.HttpContext.RequestAborted)
                : ReadOnlyDictionary<string, FreeEntrySession>.Empty;
            return RequestValidator.Registration(input, known, freeEntry, text);
        },
        async posted =>
        {
            var (input, lang, text, isForm) = posted;
            var applicant = new Applicant(RequestValidator.Clean(input.FirstName), RequestValidator.Clean(input.LastName), RequestValidator.Clean(input.Email), RequestValidator.Clean(input.Organisation), lang, input.AcceptWaitlist ?? false);
            RegistrationReply reply;
            if (string.IsNullOrEmpty(input.Website))
            {
                reply = await service.RegisterAsync(input.Sessions!, applicant, IdempotencyKey(request, input), request.HttpContext.RequestAborted);
                logger.LogInformation("registration {BookingId}: {Results}", reply.BookingId, string.Join(", ", reply.Results.Select(r => $"{r.Session}={r.Status.Word()}{(r.Reason is { } reason ? ":" + reason.Word() : "")}")));
            }
            else
            {
                // The trap field is filled: a robot. It gets the answer a person would get, and nothing is stored.
                reply = await TrapAsync(input.Sessions!, applicant, request.HttpContext.RequestAborted);
                logger.LogInformation("registration trap field filled: nothing stored");
            }

            var status = reply.AnyCreated ? StatusCodes.Status201Created
                : reply.AnyRegistered ? StatusCodes.Status200OK
                : StatusCodes.Status409Conflict;
            if (isForm)
            {
                if (reply.ManageToken is null)
                {
                    // Every session was the address's already: its links went to it by e-mail, as "Find my registrations" would send them.
                    return SeeOther((await service.PagesAsync(lang, request.HttpContext.RequestAborted)).FindRegistrationsThanks);
                }

                var rejected = string.Join(',', reply.Results.Select(r => r is { Status: OutcomeStatus.Rejected, Reason: { } reason } ? $"{r.Session}:{reason.Word()}" : null).OfType<string>());
                var location = ApiPaths.BookingPage(reply.ManageToken, lang) + "&new=1" + (rejected.Length > 0 ? "&rejected=" + Uri.EscapeDataString(rejected) : "");
                return SeeOther(location);
            }

            var results = reply.Results.Select(Json).ToList();
            if (status == StatusCodes.Status409Conflict)
            {
                return Problems.Create(status, "nothing-booked", text.ConflictTitle, text.ConflictDetail, results: results);
            }

            return Results.Json(new { bookingId = reply.BookingId, manageToken = reply.ManageToken, results }, Problems.JsonOptions, statusCode: status);
        });

    /// <summary>GET /api/registrations/{token}</summary>
    public Task<IResult> BookingAsync(HttpRequest request, string token) => Guarded(request, null, async () =>
    {
        var text = ApiText.For(RegistrationInput.AnswerLanguage(null, request));
        var booking = _trapped.Find(token, service.Now) ?? await service.BookingAsync(token, request.HttpContext.RequestAborted);
        if (booking is null)
        {
            return Problems.NotFound(text);
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Json(BookingJson(booking), Problems.JsonOptions);
    });

    /// <summary>
    /// DELETE /api/registrations/{token}[/sessions/{id}], or POST to the same with /cancel. A form post is
    /// answered with a redirect back to the booking page; anything else with the booking's new results.
    /// </summary>
    public async Task<IResult> CancelAsync(HttpRequest request, string token, string? sessionId)
    {
        var isPost = HttpMethods.IsPost(request.Method);
        var isForm = isPost && RequestBody.IsFormContent(request);
        var text = ApiText.For(RegistrationInput.AnswerLanguage(null, request));
        if (isPost && limiter.Check(request) is { } wait)
        {
            return await AnswerProblem(request, isForm, text, Problems.RateLimited(text, wait), text.RateTitle, text.RateDetail, null);
        }

        if (isForm)
        {
            if (!FormOrigin.IsFromSite(request, options.SiteUrl))
            {
                logger.LogWarning("cancellation form posted from another site: refused");
                return await AnswerProblem(request, isForm, text, Problems.CrossSite(text), text.CrossSiteTitle, text.CrossSiteDetail, null);
            }

            // The form carries only the page's language, read as every body is: measured, then decoded.
            var (body, problem) = await RequestBody.ReadAsync(request, text);
            if (body is null)
            {
                return problem!;
            }

            text = ApiText.For(RegistrationInput.AnswerLanguage(body.Form?["lang"].ToString(), request));
        }

        return await Guarded(request, isForm ? text : null, async () =>
        {
            var booking = _trapped.Cancel(token, sessionId, service.Now) ?? await service.CancelAsync(token, sessionId, request.HttpContext.RequestAborted);
            if (booking is null)
            {
                return Problems.NotFound(text);
            }

            logger.LogInformation("cancellation in {BookingId}: {Session}", booking.BookingId, sessionId ?? "all");
            if (isForm)
            {
                return SeeOther(ApiPaths.BookingPage(token, text.Lang));
            }

            return Results.Json(BookingJson(booking), Problems.JsonOptions);
        });
    }

    /// <summary>GET /api/registrations/{token}/page: the booking as an HTML page (confirmation and management).</summary>
    public Task<IResult> BookingPageAsync(HttpRequest request, string token) => Guarded(request, ApiText.Fr, async () =>
    {
        var lang = request.Query["lang"].ToString() == "en" ? "en" : "fr";
        var text = ApiText.For(lang);
        var booking = _trapped.Find(token, service.Now) ?? await service.BookingAsync(token, request.HttpContext.RequestAborted);
        var shell = await store.Catalogue.SiteValueAsync(CatalogueSync.ShellRow(lang), request.HttpContext.RequestAborted);
        if (booking is null)
        {
            return Html(HtmlPages.FormErrors(shell, lang, text.NotFoundTitle, text.NotFoundDetail, null, (await service.PagesAsync(lang, request.HttpContext.RequestAborted)).Registration), StatusCodes.Status404NotFound);
        }

        var sessions = await service.SessionsAsync(request.HttpContext.RequestAborted);
        var rejected = request.Query["rejected"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split(':'))
            .Select(p => p.Length == 2 && sessions.ContainsKey(p[0]) && ContractWords.TryParse<RejectionReason>(p[1], out var reason) ? SessionOutcome.Rejected(p[0], reason) : null)
            .OfType<SessionOutcome>()
            .ToList();
        var manageUrl = SiteLink(ApiPaths.BookingPage(token, lang));
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Html(HtmlPages.Booking(shell, booking, sessions, lang, manageUrl, ApiPaths.Booking(token), request.Query["new"] == "1", rejected), StatusCodes.Status200OK);
    });

    /// <summary>
    /// POST /api/registrations/{token}/confirm: the code from the e-mail confirms the booking's held seats and
    /// waiting places. 403 for a wrong code, 410 (with the booking's results) when every deadline has passed.
    /// </summary>
    public Task<IResult> ConfirmAsync(HttpRequest request, string token) => PostAsync(
        request,
        RegistrationInput.ConfirmFields,
        (input, text) => Task.FromResult(RequestValidator.Secret(input, "code", text)),
        async posted =>
        {
            var (input, lang, text, isForm) = posted;
            var (verdict, booking) = await service.ConfirmAsync(token, input.Code, request.HttpContext.RequestAborted);
            logger.LogInformation("confirmation: {Verdict}", verdict);
            return verdict switch
            {
                ConfirmVerdict.UnknownBooking => await AnswerProblem(request, isForm, text, Problems.NotFound(text), text.NotFoundTitle, text.NotFoundDetail, null),
                ConfirmVerdict.WrongCode => await AnswerProblem(request, isForm, text, Problems.Create(StatusCodes.Status403Forbidden, "wrong-code", text.WrongCodeTitle, text.WrongCodeDetail), text.WrongCodeTitle, text.WrongCodeDetail, null),
                ConfirmVerdict.Late => await AnswerProblem(request, isForm, text, Problems.Create(StatusCodes.Status410Gone, "late", text.LateTitle, text.LateDetail, results: booking!.Results.Select(Json).ToList()), text.LateTitle, text.LateDetail, null),
                _ when isForm => SeeOther(ApiPaths.BookingPage(token, lang)),
                _ => Results.Json(BookingJson(booking!), Problems.JsonOptions),
            };
        });

    /// <summary>GET /api/registrations/{token}/confirm?code=…: the page an e-mail's confirmation link opens; its button posts the code.</summary>
    public Task<IResult> ConfirmPageAsync(HttpRequest request, string token) => Guarded(request, ApiText.Fr, async () =>
    {
        var lang = PageLanguage(request);
        var booking = await service.BookingAsync(token, request.HttpContext.RequestAborted);
        var shell = await store.Catalogue.SiteValueAsync(CatalogueSync.ShellRow(lang), request.HttpContext.RequestAborted);
        if (booking is null)
        {
            return await NotFoundPage(shell, lang);
        }

        var sessions = await service.SessionsAsync(request.HttpContext.RequestAborted);
        return Html(LinkPages.Confirm(shell, booking, sessions, lang, ApiPaths.Confirm(token), request.Query["code"].ToString()), StatusCodes.Status200OK);
    });

    /// <summary>GET /api/registrations/{token}/sessions/{id}/give-back: the page a reminder's link opens; its button cancels that session.</summary>
    public Task<IResult> GiveBackPageAsync(HttpRequest request, string token, string sessionId) => Guarded(request, ApiText.Fr, async () =>
    {
        var lang = PageLanguage(request);
        var booking = await service.BookingAsync(token, request.HttpContext.RequestAborted);
        var shell = await store.Catalogue.SiteValueAsync(CatalogueSync.ShellRow(lang), request.HttpContext.RequestAborted);
        if (booking is null)
        {
            return await NotFoundPage(shell, lang);
        }

        var sessions = await service.SessionsAsync(request.HttpContext.RequestAborted);
        var result = booking.Results.FirstOrDefault(r => r.Session == sessionId);
        return Html(LinkPages.GiveBack(shell, booking, result, sessions.GetValueOrDefault(sessionId), lang, ApiPaths.CancelSession(token, sessionId), ApiPaths.BookingPage(token, lang)), StatusCodes.Status200OK);
    });

    /// <summary>
    /// POST /api/registrations/recover: 202 whatever the address. If it has bookings, it receives their links
    /// (at most three such e-mails an hour); the answer and its timing are the same either way.
    /// </summary>
    public Task<IResult> RecoverAsync(HttpRequest request) => AcceptAddressAsync(
        request,
        RegistrationInput.RecoveryFields,
        RequestValidator.Recovery,
        async (email, lang, cancellation) =>
        {
            await service.RecoverAsync(email, lang, cancellation);
            logger.LogInformation("recovery asked");
        },
        pages => pages.FindRegistrationsThanks);

    /// <summary>POST /api/newsletter/confirm and /api/newsletter/unsubscribe, with the token of the e-mail's link.</summary>
    public Task<IResult> NewsletterLinkAsync(HttpRequest request, NewsletterAction action) => PostAsync(
        request,
        RegistrationInput.NewsletterLinkFields,
        (input, text) => Task.FromResult(RequestValidator.Secret(input, "token", text)),
        async posted =>
        {
            var (input, lang, text, isForm) = posted;
            if (!await service.NewsletterAsync(input.Token, action, request.HttpContext.RequestAborted))
            {
                return await AnswerProblem(request, isForm, text, Problems.Create(StatusCodes.Status404NotFound, "unknown-link", text.LinkTitle, text.LinkDetail), text.LinkTitle, text.LinkDetail, null);
            }

            logger.LogInformation("newsletter: {Action}", action);
            var status = action == NewsletterAction.Confirm ? "subscribed" : "unsubscribed";
            if (!isForm)
            {
                return Results.Json(new { status }, Problems.JsonOptions);
            }

            var fr = lang != "en";
            var (title, done) = action == NewsletterAction.Confirm
                ? (fr ? "Abonnement confirmé" : "Subscription confirmed", fr ? "Vous recevrez la lettre d’information du Week-end culturel de l’IA." : "You will receive the newsletter of the AI Cultural Weekend.")
                : (fr ? "Désabonnement effectué" : "Unsubscribed", fr ? "Vous ne recevrez plus la lettre d’information ; votre adresse a été effacée." : "You will no longer receive the newsletter; your address was deleted.");
            return Html(LinkPages.Done(await SafeShell(lang), lang, title, done, (await service.PagesAsync(lang, request.HttpContext.RequestAborted)).Home, fr ? "Revenir à l’accueil" : "Back to the home page"), StatusCodes.Status200OK);
        });

    /// <summary>GET /api/newsletter/confirm?token=… and /api/newsletter/unsubscribe?token=…: the pages the newsletter's links open.</summary>
    public Task<IResult> NewsletterPageAsync(HttpRequest request, NewsletterAction action) => Guarded(request, ApiText.Fr, async () =>
    {
        var lang = PageLanguage(request);
        var shell = await store.Catalogue.SiteValueAsync(CatalogueSync.ShellRow(lang), request.HttpContext.RequestAborted);
        var path = action == NewsletterAction.Confirm ? ApiPaths.NewsletterConfirm : ApiPaths.NewsletterUnsubscribe;
        return Html(LinkPages.Newsletter(shell, action, lang, path, request.Query["token"].ToString()), StatusCodes.Status200OK);
    });

    /// <summary>POST /api/newsletter</summary>
    public Task<IResult> NewsletterAsync(HttpRequest request) => AcceptAddressAsync(
        request,
        RegistrationInput.NewsletterFields,
        RequestValidator.Newsletter,
        async (email, lang, cancellation) =>
        {
            await service.SubscribeAsync(email, lang, cancellation);
            logger.LogInformation("newsletter subscription recorded");
        },
        pages => pages.NewsletterThanks);

    /// <summary>
    /// A form of one address (recovery, newsletter): the same 202 and the same page whatever the address, so the
    /// answer tells nobody whether it is known. A post whose trap field is filled does nothing.
    /// </summary>
    private Task<IResult> AcceptAddressAsync(HttpRequest request, IReadOnlyCollection<string> fields, Func<RegistrationInput, ApiText, Dictionary<string, string[]>> validate, Func<string, string, CancellationToken, Task> act, Func<SitePages, string> thanks) => PostAsync(
        request,
        fields,
        (input, text) => Task.FromResult(validate(input, text)),
        async posted =>
        {
            var (input, lang, _, isForm) = posted;
            if (string.IsNullOrEmpty(input.Website))
            {
                await act(RequestValidator.Clean(input.Email), lang, request.HttpContext.RequestAborted);
            }

            return Accepted(isForm, thanks(await service.PagesAsync(lang, request.HttpContext.RequestAborted)));
        });

    /// <summary>GET /api/admin/registrations[?session=id]: the organisers' export, CSV or JSON.</summary>
    public Task<IResult> ExportAsync(HttpRequest request) => Guarded(request, null, async () =>
    {
        var text = ApiText.For(RegistrationInput.AnswerLanguage(null, request));
        if (options.AdminKey is { Length: > 0 } key && !SameKey(request.Headers["x-functions-key"].ToString(), key))
        {
            logger.LogWarning("admin export refused: missing or wrong key");
            return Problems.Unauthorized(text);
        }

        var sessions = await service.SessionsAsync(request.HttpContext.RequestAborted);
        var requested = request.Query["session"].ToString();
        if (requested.Length > 0 && !sessions.ContainsKey(requested))
        {
            return Problems.Create(StatusCodes.Status404NotFound, "unknown-session", text.UnknownSessionTitle, string.Format(CultureInfo.InvariantCulture, text.UnknownSession, requested));
        }

        var rows = await service.ExportAsync(requested.Length > 0 ? [requested] : sessions.Keys, request.HttpContext.RequestAborted);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Json(rows.Select(r => new { session = r.Session, status = r.Status, position = r.Position, firstName = r.FirstName, lastName = r.LastName, email = r.Email, organisation = r.Organisation, registeredAt = r.RegisteredAt }), Problems.JsonOptions);
        }

        var name = requested.Length > 0 ? $"inscriptions-{requested}.csv" : "inscriptions.csv";
        return Results.File(CsvExport.Write(rows), "text/csv; charset=utf-8", name);
    });

    /// <summary>202 for a JSON client; a form is sent on to its thanks page.</summary>
    private static IResult Accepted(bool isForm, string thanks) =>
        isForm ? SeeOther(thanks) : Results.Json(new { status = "accepted" }, Problems.JsonOptions, statusCode: StatusCodes.Status202Accepted);

    /// <summary>303 See Other: after a form post the browser fetches the next page with GET.</summary>
    private static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class SeeOtherResult(string location) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status303SeeOther;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }
    }

    /// <summary>A POST's body, read, in its language, and valid: what the POST handler then works with.</summary>
    private sealed record Posted(RegistrationInput Input, string Lang, ApiText Text, bool IsForm);

    /// <summary>
    /// What every POST of the API does before its own work, in this order: the rate limit, a form's origin,
    /// the body within its size and type, the answer's language, and validation with per-field problems (an
    /// HTML page for forms). Nothing is read before the limit has let the request through.
    /// </summary>
    private async Task<IResult> PostAsync(HttpRequest request, IReadOnlyCollection<string> fields, Func<RegistrationInput, ApiText, Task<Dictionary<string, string[]>>> validate, Func<Posted, Task<IResult>> work)
    {
        var text = ApiText.For(RegistrationInput.AnswerLanguage(null, request));
        var isForm = RequestBody.IsFormContent(request);
        if (limiter.Check(request) is { } wait)
        {
            return await AnswerProblem(request, isForm, text, Problems.RateLimited(text, wait), text.RateTitle, text.RateDetail, null);
        }

        if (isForm && !FormOrigin.IsFromSite(request, options.SiteUrl))
        {
            logger.LogWarning("{Path}: form posted from another site: refused", request.Path);
            return await AnswerProblem(request, isForm, text, Problems.CrossSite(text), text.CrossSiteTitle, text.CrossSiteDetail, null);
        }

        return await Guarded(request, isForm ? text : null, async () =>
        {
            var (body, problem) = await RequestBody.ReadAsync(request, text);
            if (body is null)
            {
                return problem!;
            }

            var input = body.Input(fields);
            var lang = RegistrationInput.AnswerLanguage(input.Lang, request);
            text = ApiText.For(lang);
            var errors = await validate(input, text);
            if (errors.Count > 0)
            {
                logger.LogInformation("{Path} refused: {Fields} to correct", request.Path, string.Join(',', errors.Keys));
                return await AnswerProblem(request, body.IsForm, text, Problems.Validation(text, errors), text.ValidationTitle, text.ValidationDetail, errors, input);
            }

            return await work(new Posted(input, lang, text, body.IsForm));
        });
    }

    /// <summary>
    /// A robot's registration: decided as a real one on the live counts, kept only in memory (its token then
    /// shows an ordinary booking), with nothing written to storage.
    /// </summary>
    private async Task<RegistrationReply> TrapAsync(IReadOnlyList<string> asked, Applicant applicant, CancellationToken cancellation)
    {
        var sessions = await service.SessionsAsync(cancellation);
        // The live counts a page shows (the instance's snapshot): a robot costs no storage read.
        var counts = (await service.CountsAsync(cancellation)).ToDictionary(c => c.Id, c => (c.Capacity, c.Confirmed + c.Held, c.Waitlisted), StringComparer.Ordinal);
        var now = service.Now;
        var results = TrapBookings.Outcomes(asked, sessions, counts, applicant.AcceptWaitlist, service.Terms, now);
        var token = ManageToken.New();
        var bookingId = ManageToken.NewBookingId();
        _trapped.Add(token, new BookingView(bookingId, applicant.FirstName, EmailIdentity.Mask(applicant.Email), applicant.Lang, [.. results.Where(r => r.IsRegistered)]), now);
        return new RegistrationReply(bookingId, token, results, results.Any(r => r.IsRegistered));
    }

    /// <summary>
    /// The key that makes a registration safe to send again: the <c>Idempotency-Key</c> header (the site's
    /// script), else the form's hidden field (which the script fills, for its fallback to a plain post).
    /// </summary>
    private static string? IdempotencyKey(HttpRequest request, RegistrationInput input) =>
        request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } header ? header : input.IdempotencyKey;

    /// <summary>An address of the site as configured, whatever host the request names; a path when none is.</summary>
    private string SiteLink(string path) => options.SiteUrl is { } site ? new Uri(site, path).AbsoluteUri : path;

    private static object Json(SessionOutcome r) => new
    {
        session = r.Session,
        status = r.Status,
        position = r.Position,
        reason = r.Reason,
        holdUntil = r.HoldUntil is { } until ? Paris_(until) : null,
        confirmBy = r.ConfirmBy is { } by ? Paris_(by) : null,
    };

    private static object BookingJson(BookingView booking) => new { bookingId = booking.BookingId, firstName = booking.FirstName, email = booking.MaskedEmail, results = booking.Results.Select(Json) };

    private static string PageLanguage(HttpRequest request) => request.Query["lang"].ToString() == "en" ? "en" : "fr";

    private async Task<IResult> NotFoundPage(string? shell, string lang)
    {
        var text = ApiText.For(lang);
        return Html(HtmlPages.FormErrors(shell, lang, text.NotFoundTitle, text.NotFoundDetail, null, (await service.PagesAsync(lang)).FindRegistrations), StatusCodes.Status404NotFound);
    }

    private static string Paris_(DateTimeOffset now) => TimeZoneInfo.ConvertTime(now, Paris).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static bool SameKey(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static IResult Html(string html, int status) => new HtmlPage(html, status);

    /// <summary>
    /// A problem for a JSON client, or the same problem as an HTML page for a form without JavaScript: a form
    /// with mistakes comes back filled in with what was <paramref name="sent"/>, its errors beside its fields.
    /// </summary>
    private async Task<IResult> AnswerProblem(HttpRequest request, bool isForm, ApiText text, IResult problem, string title, string detail, IDictionary<string, string[]>? errors, RegistrationInput? sent = null)
    {
        if (!isForm)
        {
            return problem;
        }

        var shell = await SafeShell(text.Lang);
        var status = (problem as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status400BadRequest;
        if (errors is not null && sent is not null && (SitePaths.IsNewsletter(request.Path) || SitePaths.IsRegistrations(request.Path)))
        {
            return Html(SitePaths.IsNewsletter(request.Path)
                ? FormPages.Newsletter(shell, text, sent, errors)
                : FormPages.Registration(shell, text, await service.PagesAsync(text.Lang), await service.SessionsAsync(request.HttpContext.RequestAborted), service.Now, options.RetentionDays, sent, errors), status);
        }

        return Html(HtmlPages.FormErrors(shell, text.Lang, title, detail, errors, SitePaths.FormOf(request.Path, await service.PagesAsync(text.Lang), text.Lang)), status);
    }

    private async Task<string?> SafeShell(string lang)
    {
        try
        {
            return await store.Catalogue.SiteValueAsync(CatalogueSync.ShellRow(lang));
        }
        catch (StorageUnavailableException)
        {
            return null;
        }
    }

    /// <summary>Storage down means 503 with Retry-After, never a 500 or a trace; forms get the same as a page.</summary>
    private async Task<IResult> Guarded(HttpRequest request, ApiText? formText, Func<Task<IResult>> work)
    {
        try
        {
            return await work();
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away (closed the page, lost the network): nothing is wrong with storage, and
            // there is nobody to answer. (The path is not logged: it may hold a manage token.)
            logger.LogInformation("{Method} request abandoned by its client", request.Method);
            return Results.StatusCode(ClientClosedRequest);
        }
        catch (StorageUnavailableException e)
        {
            logger.LogWarning("storage unavailable: {Reason}", e.Message);
            var text = formText ?? ApiText.For(RegistrationInput.AnswerLanguage(null, request));
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return formText is null
                ? Problems.Unavailable(text)
                : Html(HtmlPages.FormErrors(null, text.Lang, text.UnavailableTitle, text.UnavailableDetail, null, SitePaths.FormOf(request.Path, service.KnownPages(text.Lang), text.Lang)), StatusCodes.Status503ServiceUnavailable);
        }
    }
}
