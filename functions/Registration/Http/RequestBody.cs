using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// A request body read within the size limit and decoded strictly: JSON, or an HTML form. Every route reads
/// its body through here, so none is read whole before it is measured.
/// </summary>
public sealed record RequestBody(JsonElement? Json, IFormCollection? Form)
{
    public const int MaxBytes = 16 * 1024;

    // Bytes that are not UTF-8 are refused rather than turned into U+FFFD: nobody typed that character.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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

        if (await ReadBoundedAsync(request) is not { } bytes)
        {
            return (null, Problems.TooLarge(text));
        }

        if (isForm)
        {
            return ParseForm(bytes) is { } form ? (new RequestBody(null, form), null) : (null, Problems.Malformed(text));
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !Decodes(document.RootElement))
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

    /// <summary>The body, or null as soon as more than <see cref="MaxBytes"/> have arrived.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
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
                return null;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// JSON escapes can spell what UTF-8 cannot (a lone surrogate, "\ud800"), and the parser leaves string
    /// bytes unchecked until they are read: every name and string is read once here, so none fails later.
    /// </summary>
    private static bool Decodes(JsonElement element)
    {
        try
        {
            Read(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        static void Read(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        Read(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Read(item);
                    }

                    break;
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
            }
        }
    }

    /// <summary>
    /// application/x-www-form-urlencoded, decoded byte by byte ('+' is a space, %XX a byte) and only then read
    /// as UTF-8, so that raw and percent-encoded bytes alike must form valid text; null when they do not.
    /// </summary>
    private static FormCollection? ParseForm(byte[] body)
    {
        var fields = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var range in ((ReadOnlySpan<byte>)body).Split((byte)'&'))
        {
            var pair = body.AsSpan(range);
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf((byte)'=');
            var name = Unescape(equals < 0 ? pair : pair[..equals]);
            var value = Unescape(equals < 0 ? [] : pair[(equals + 1)..]);
            if (name is null || value is null)
            {
                return null;
            }

            fields[name] = StringValues.Concat(fields.GetValueOrDefault(name), value);
        }

        return new FormCollection(fields);
    }

    private static string? Unescape(ReadOnlySpan<byte> encoded)
    {
        var bytes = new byte[encoded.Length];
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == (byte)'+')
            {
                bytes[length++] = (byte)' ';
            }
            else if (encoded[i] == (byte)'%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
            {
                bytes[length++] = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                i += 2;
            }
            else
            {
                // A '%' not followed by two hex digits stays as it is, as browsers and ASP.NET read it.
                bytes[length++] = encoded[i];
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
