using System.Globalization;
using System.Text.RegularExpressions;
using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Registration.Http;

/// <summary>Checks a request's values; every problem of every field is collected, in the request's language.</summary>
public static partial class RequestValidator
{
    public const int MaxSessions = 10;
    public const int MaxName = 100;
    public const int MaxOrganisation = 200;
    public const int MaxEmail = 254;

    public static Dictionary<string, string[]> Registration(RegistrationInput input, IReadOnlyDictionary<string, SessionDefinition> known, ApiText text)
    {
        var errors = TypeErrors(input, text);
        var sessions = input.Sessions;
        if (!errors.ContainsKey("sessions"))
        {
            if (sessions is null || sessions.Count == 0)
            {
                Add(errors, "sessions", text.NoSession);
            }
            else
            {
                if (sessions.Count > MaxSessions)
                {
                    Add(errors, "sessions", text.TooManySessions);
                }

                if (sessions.Distinct(StringComparer.Ordinal).Count() != sessions.Count)
                {
                    Add(errors, "sessions", text.RepeatedSession);
                }

                foreach (var unknown in sessions.Where(s => !known.ContainsKey(s)).Distinct(StringComparer.Ordinal).Take(5))
                {
                    Add(errors, "sessions", string.Format(CultureInfo.InvariantCulture, text.UnknownSession, Printable(unknown)));
                }
            }
        }

        Name(errors, "firstName", input.FirstName, required: true, MaxName, text);
        Name(errors, "lastName", input.LastName, required: true, MaxName, text);
        Name(errors, "organisation", input.Organisation, required: false, MaxOrganisation, text);
        CommonFields(errors, input, text);
        return errors;
    }

    public static Dictionary<string, string[]> Newsletter(RegistrationInput input, ApiText text)
    {
        var errors = TypeErrors(input, text);
        CommonFields(errors, input, text);
        return errors;
    }

    private static void CommonFields(Dictionary<string, string[]> errors, RegistrationInput input, ApiText text)
    {
        if (!errors.ContainsKey("email"))
        {
            var email = input.Email?.Trim() ?? "";
            if (email.Length == 0)
            {
                Add(errors, "email", text.Required);
            }
            else if (email.Length > MaxEmail || !EmailPattern().IsMatch(email))
            {
                Add(errors, "email", text.Email);
            }
        }

        if (!errors.ContainsKey("lang") && input.Lang is not (null or "" or "fr" or "en"))
        {
            Add(errors, "lang", text.Language);
        }

        if (!errors.ContainsKey("acceptPrivacy") && input.AcceptPrivacy != true)
        {
            Add(errors, "acceptPrivacy", text.Privacy);
        }
    }

    private static Dictionary<string, string[]> TypeErrors(RegistrationInput input, ApiText text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, kind) in input.TypeErrors)
        {
            Add(errors, Printable(field), kind switch
            {
                "list" => text.List,
                "boolean" => text.Boolean,
                "unknown" => text.UnknownField,
                _ => text.Text,
            });
        }

        return errors;
    }

    private static void Name(Dictionary<string, string[]> errors, string field, string? value, bool required, int max, ApiText text)
    {
        if (errors.ContainsKey(field))
        {
            return;
        }

        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            if (required)
            {
                Add(errors, field, text.Required);
            }

            return;
        }

        if (trimmed.Length > max)
        {
            Add(errors, field, string.Format(CultureInfo.InvariantCulture, text.TooLong, max));
        }

        // Control characters break exports and logs; angle brackets have no place in a name and are the
        // first sign of markup injection.
        if (trimmed.Any(c => char.IsControl(c) || c is '<' or '>' || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
        {
            Add(errors, field, text.Forbidden);
        }
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    /// <summary>What the client sent, cut and cleaned, for quoting it back in a message.</summary>
    private static string Printable(string value)
    {
        var clean = new string(value.Where(c => !char.IsControl(c)).Take(60).ToArray());
        return clean.Length < value.Length ? clean + "…" : clean;
    }

    [GeneratedRegex(@"^[^\s@<>()\[\],;:""]+@[^\s@<>()\[\],;:""]+\.[^\s@<>()\[\],;:""]{2,}$")]
    private static partial Regex EmailPattern();
}
