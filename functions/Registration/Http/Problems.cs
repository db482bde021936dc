using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WeekendCulturel.Contract;

namespace WeekendCulturel.Registration.Http;

/// <summary>RFC 9457 problem details, in the request's language, with the API's own problem types.</summary>
public static class Problems
{
    // Answers are application/json, never embedded in HTML: accents and '+' can be written as they are.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Create(int status, string type, string title, string detail, IDictionary<string, string[]>? errors = null, object? results = null, int? retryAfter = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = ApiPaths.Root + "/problems#" + type,
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (errors is not null)
        {
            body["errors"] = errors;
        }

        if (results is not null)
        {
            body["results"] = results;
        }

        return new ProblemResult(status, body, retryAfter);
    }

    public static IResult Validation(ApiText text, IDictionary<string, string[]> errors) =>
        Create(StatusCodes.Status422UnprocessableEntity, "validation", text.ValidationTitle, text.ValidationDetail, errors);

    public static IResult Malformed(ApiText text) => Create(StatusCodes.Status400BadRequest, "malformed", text.MalformedTitle, text.MalformedDetail);

    public static IResult TooLarge(ApiText text) => Create(StatusCodes.Status413PayloadTooLarge, "too-large", text.TooLargeTitle, text.TooLargeDetail);

    public static IResult UnsupportedMedia(ApiText text) => Create(StatusCodes.Status415UnsupportedMediaType, "media-type", text.MediaTitle, text.MediaDetail);

    public static IResult RateLimited(ApiText text, int retryAfter) => Create(StatusCodes.Status429TooManyRequests, "rate-limit", text.RateTitle, text.RateDetail, retryAfter: retryAfter);

    public static IResult Unavailable(ApiText text) => Create(StatusCodes.Status503ServiceUnavailable, "unavailable", text.UnavailableTitle, text.UnavailableDetail, retryAfter: 5);

    public static IResult NotFound(ApiText text) => Create(StatusCodes.Status404NotFound, "not-found", text.NotFoundTitle, text.NotFoundDetail);

    public static IResult CrossSite(ApiText text) => Create(StatusCodes.Status403Forbidden, "cross-site", text.CrossSiteTitle, text.CrossSiteDetail);

    public static IResult Unauthorized(ApiText text) => Create(StatusCodes.Status401Unauthorized, "unauthorized", text.UnauthorizedTitle, text.UnauthorizedDetail);

    /// <summary>Writes <c>application/problem+json</c> (and <c>Retry-After</c> where it applies).</summary>
    private sealed class ProblemResult(int status, Dictionary<string, object?> body, int? retryAfter) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            if (retryAfter is { } seconds)
            {
                httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.ContentType = "application/problem+json; charset=utf-8";
            return JsonSerializer.SerializeAsync(httpContext.Response.Body, body, Json);
        }
    }

    public static JsonSerializerOptions JsonOptions => Json;
}
