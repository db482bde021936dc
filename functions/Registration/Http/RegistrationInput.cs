using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WeekendCulturel.Contract;

namespace WeekendCulturel.Registration.Http;

/// <summary>
/// The fields of a registration or newsletter request as sent, JSON or form alike, with the type mistakes
/// found while reading them. Validation of the values comes after, in <see cref="RequestValidator"/>.
/// </summary>
public sealed class RegistrationInput
{
    public static readonly string[] RegistrationFields =
        [FormFields.Sessions, FormFields.FirstName, FormFields.LastName, FormFields.Email, FormFields.Organisation, FormFields.Lang, FormFields.AcceptWaitlist, FormFields.AcceptPrivacy, FormFields.Website];

    public static readonly string[] NewsletterFields = [FormFields.Email, FormFields.Lang, FormFields.AcceptPrivacy, FormFields.Website];
    public static readonly string[] RecoveryFields = [FormFields.Email, FormFields.Lang, FormFields.Website];
    public static readonly string[] ConfirmFields = [FormFields.Code, FormFields.Lang];
    public static readonly string[] NewsletterLinkFields = [FormFields.Token, FormFields.Lang];

    public List<string>? Sessions { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Organisation { get; set; }
    public string? Lang { get; set; }
    public bool? AcceptWaitlist { get; set; }
    public bool? AcceptPrivacy { get; set; }
    public string? Website { get; set; }
    public string? IdempotencyKey { get; set; }

    /// <summary>A booking's confirm code, as its e-mail carried it.</summary>
    public string? Code { get; set; }

    /// <summary>A newsletter link's token.</summary>
    public string? Token { get; set; }

    /// <summary>Field -> kinds of type mistake ("text", "boolean", "list", "unknown").</summary>
    public Dictionary<string, string> TypeErrors { get; } = new(StringComparer.Ordinal);

    public static RegistrationInput FromJson(JsonElement root, IReadOnlyCollection<string> allowed)
    {
        var input = new RegistrationInput();
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            if (!allowed.Contains(name))
            {
                input.TypeErrors[name] = "unknown";
                continue;
            }

            switch (name)
            {
                case FormFields.Sessions:
                    if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
                    {
                        input.Sessions = [.. value.EnumerateArray().Select(v => v.GetString()!)];
                    }
                    else
                    {
                        input.TypeErrors[name] = "list";
                    }

                    break;
                case FormFields.AcceptWaitlist or FormFields.AcceptPrivacy:
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        input.SetBoolean(name, value.GetBoolean());
                    }
                    else if (value.ValueKind != JsonValueKind.Null)
                    {
                        input.TypeErrors[name] = "boolean";
                    }

                    break;
                default:
                    if (value.ValueKind == JsonValueKind.String)
                    {
                        input.SetText(name, value.GetString()!);
                    }
                    else if (value.ValueKind != JsonValueKind.Null)
                    {
                        input.TypeErrors[name] = "text";
                    }

                    break;
            }
        }

        return input;
    }

    /// <summary>The HTML form: <c>sessions</c> repeated, checkboxes sent as "on" or "true" when ticked.</summary>
    public static RegistrationInput FromForm(IFormCollection form, IReadOnlyCollection<string> allowed)
    {
        var input = new RegistrationInput();
        foreach (var (name, values) in form)
        {
            if (name == FormFields.IdempotencyKey)
            {
                input.IdempotencyKey = values.ToString();
                continue;
            }

            if (!allowed.Contains(name))
            {
                // Browsers may send the submit button's name; a form is less strict than a JSON client.
                continue;
            }

            switch (name)
            {
                case FormFields.Sessions:
                    input.Sessions = [.. values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)];
                    break;
                case FormFields.AcceptWaitlist or FormFields.AcceptPrivacy:
                    input.SetBoolean(name, values.ToString() is "on" or "true" or "1");
                    break;
                default:
                    input.SetText(name, values.ToString());
                    break;
            }
        }

        // An unticked checkbox is simply absent from a form post.
        input.AcceptWaitlist ??= false;
        input.AcceptPrivacy ??= false;
        input.Sessions ??= [];
        return input;
    }

    private void SetText(string name, string value)
    {
        switch (name)
        {
            case FormFields.FirstName: FirstName = value; break;
            case FormFields.LastName: LastName = value; break;
            case FormFields.Email: Email = value; break;
            case FormFields.Organisation: Organisation = value; break;
            case FormFields.Lang: Lang = value; break;
            case FormFields.Website: Website = value; break;
            case FormFields.Code: Code = value; break;
            case FormFields.Token: Token = value; break;
        }
    }

    private void SetBoolean(string name, bool value)
    {
        if (name == FormFields.AcceptWaitlist)
        {
            AcceptWaitlist = value;
        }
        else
        {
            AcceptPrivacy = value;
        }
    }

    /// <summary>The language the answer is written in: the request's own, else the browser's, else French.</summary>
    public static string AnswerLanguage(string? requested, HttpRequest request)
    {
        if (requested is "fr" or "en")
        {
            return requested;
        }

        var accept = request.Headers.AcceptLanguage.ToString();
        var first = accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return first.StartsWith("en", true, CultureInfo.InvariantCulture) ? "en" : "fr";
    }
}
