using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace WeekendCulturel.Registration.Http;

/// <summary>A request body read within the size limit: JSON, or an HTML form.</summary>
public sealed record RequestBody(JsonElement? Json, IFormCollection? Form)
{
    public const int MaxBytes = 16 * 1024;

    public bool IsForm => Form is not null;

    public static bool IsFormContent(HttpRequest request) =>
        request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Reads at most 16 KiB; answers 413, 415 or 400 itself when the body is not acceptable.</summary>
    public static async Task<(RequestBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, ApiText text)
    {
        var contentType = request.ContentType ?? "";
        var isJson = contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
        var isForm = IsFormContent(request);
        if (!isJson && !isForm)
        {
            return (null, Problems.UnsupportedMedia(text));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.TooLarge(text));
        }

        // The declared length can be absent or wrong: count what actually arrives.
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return (null, Problems.TooLarge(text));
            }
        }

        var bytes = buffer.ToArray();
        if (isForm)
        {
            var fields = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(bytes));
            return (new RequestBody(null, new FormCollection(fields)), null);
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.Malformed(text));
            }

            return (new RequestBody(document.RootElement.Clone(), null), null);
        }
        catch (JsonException)
        {
            return (null, Problems.Malformed(text));
        }
    }

    public RegistrationInput Input(IReadOnlyCollection<string> allowed) =>
        Json is { } json ? RegistrationInput.FromJson(json, allowed) : RegistrationInput.FromForm(Form!, allowed);
}
