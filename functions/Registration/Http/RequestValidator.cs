using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WeekendCulturel.Contract;
using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Registration.Http;

/// <summary>Checks a request's values; every problem of every field is collected, in the request's language.</summary>
public static partial class RequestValidator
{
    public const int MaxSessions = 10;

    /// <param name="freeEntry">Sessions of the site without registration: asking for one is told so (needed only when a session is not known).</param>
    public static Dictionary<string, string[]> Registration(RegistrationInput input, IReadOnlyDictionary<string, SessionDefinition> known, IReadOnlyDictionary<string, FreeEntrySession> freeEntry, ApiText text)
    {
        var errors = TypeErrors(input, text);
        var sessions = input.Sessions;
        if (!errors.ContainsKey(FormFields.Sessions))
        {
            if (sessions is null || sessions.Count == 0)
            {
                Add(errors, FormFields.Sessions, text.NoSession);
            }
            else
            {
                if (sessions.Count > MaxSessions)
                {
                    Add(errors, FormFields.Sessions, text.TooManySessions);
                }

                if (sessions.Distinct(StringComparer.Ordinal).Count() != sessions.Count)
                {
                    Add(errors, FormFields.Sessions, text.RepeatedSession);
                }

                foreach (var unknown in sessions.Where(s => !known.ContainsKey(s)).Distinct(StringComparer.Ordinal).Take(5))
                {
                    Add(errors, FormFields.Sessions, freeEntry.TryGetValue(unknown, out var free)
                        ? string.Format(CultureInfo.InvariantCulture, text.FreeEntrySession, free.Title(text.Lang))
                        : string.Format(CultureInfo.InvariantCulture, text.UnknownSession, Printable(unknown)));
                }
            }
        }

        Name(errors, FormFields.FirstName, input.FirstName, required: true, FormFields.MaxName, text);
        Name(errors, FormFields.LastName, input.LastName, required: true, FormFields.MaxName, text);
        Name(errors, FormFields.Organisation, input.Organisation, required: false, FormFields.MaxOrganisation, text);
        CommonFields(errors, input, text, text.Privacy);
        return errors;
    }

    public static Dictionary<string, string[]> Newsletter(RegistrationInput input, ApiText text)
    {
        var errors = TypeErrors(input, text);
        CommonFields(errors, input, text, text.NewsletterPrivacy);
        return errors;
    }

    /// <summary>"Find my registrations": an address and a language, nothing to accept (nothing is kept but the message).</summary>
    public static Dictionary<string, string[]> Recovery(RegistrationInput input, ApiText text)
    {
        var errors = TypeErrors(input, text);
        EmailAndLanguage(errors, input, text);
        return errors;
    }

    /// <summary>A link's secret sent back (a confirm code, a newsletter token): present, and not longer than any of ours.</summary>
    public static Dictionary<string, string[]> Secret(RegistrationInput input, string field, ApiText text)
    {
        var errors = TypeErrors(input, text);
        var value = field == FormFields.Code ? input.Code : input.Token;
        if (!errors.ContainsKey(field) && string.IsNullOrWhiteSpace(value))
        {
            Add(errors, field, text.Required);
        }
        else if (!errors.ContainsKey(field) && value!.Length > 200)
        {
            Add(errors, field, string.Format(System.Globalization.CultureInfo.InvariantCulture, text.TooLong, 200));
        }

        if (!errors.ContainsKey(FormFields.Lang) && input.Lang is not (null or "" or "fr" or "en"))
        {
            Add(errors, FormFields.Lang, text.Language);
        }

        return errors;
    }

    private static void CommonFields(Dictionary<string, string[]> errors, RegistrationInput input, ApiText text, string privacy)
    {
        EmailAndLanguage(errors, input, text);
        if (!errors.ContainsKey(FormFields.AcceptPrivacy) && input.AcceptPrivacy != true)
        {
            Add(errors, FormFields.AcceptPrivacy, privacy);
        }
    }

    private static void EmailAndLanguage(Dictionary<string, string[]> errors, RegistrationInput input, ApiText text)
    {
        if (!errors.ContainsKey(FormFields.Email))
        {
            var email = input.Email?.Trim() ?? "";
            if (email.Length == 0)
            {
                Add(errors, FormFields.Email, text.Required);
            }
            else if (Unwanted(email) is not CharacterKinds.None and var unwanted)
            {
                AddUnwanted(errors, FormFields.Email, unwanted, text);
            }
            else if (Clean(email) is var clean && (clean.Length > FormFields.MaxEmail || !EmailPattern().IsMatch(clean)))
            {
                Add(errors, FormFields.Email, text.Email);
            }
        }

        if (!errors.ContainsKey(FormFields.Lang) && input.Lang is not (null or "" or "fr" or "en"))
        {
            Add(errors, FormFields.Lang, text.Language);
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

        var unwanted = Unwanted(trimmed);
        if ((unwanted == CharacterKinds.None ? Clean(trimmed) : trimmed).Length > max)
        {
            Add(errors, field, string.Format(CultureInfo.InvariantCulture, text.TooLong, max));
        }

        AddUnwanted(errors, field, unwanted, text);
    }

    /// <summary>
    /// A value as it is kept: trimmed, and composed (NFC), so that « é » typed as one character or as « e » and
    /// a combining accent is the same name and the same email. Only for values that passed validation.
    /// </summary>
    public static string Clean(string? value) => (value ?? "").Trim().Normalize(NormalizationForm.FormC);

    [Flags]
    private enum CharacterKinds
    {
        None = 0,
        AngleBrackets = 1,
        Control = 2,
        Invisible = 4,
    }

    /// <summary>
    /// The kinds of characters a name or an email may not hold. Control characters and line separators break
    /// exports and logs; invisible ones (format characters such as a zero-width space or a right-to-left
    /// override, and halves of characters) make one text look like another; angle brackets have no place in a
    /// name and are the first sign of markup injection.
    /// </summary>
    private static CharacterKinds Unwanted(string value)
    {
        var found = CharacterKinds.None;
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
            {
                found |= CharacterKinds.Invisible;
            }
            else if (rune.Value is '<' or '>')
            {
                found |= CharacterKinds.AngleBrackets;
            }
            else if (Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                found |= CharacterKinds.Control;
            }
            else if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                found |= CharacterKinds.Invisible;
            }

            rest = rest[used..];
        }

        return found;
    }

    private static void AddUnwanted(Dictionary<string, string[]> errors, string field, CharacterKinds unwanted, ApiText text)
    {
        if (unwanted.HasFlag(CharacterKinds.AngleBrackets))
        {
            Add(errors, field, text.AngleBrackets);
        }

        if (unwanted.HasFlag(CharacterKinds.Control))
        {
            Add(errors, field, text.ControlCharacters);
        }

        if (unwanted.HasFlag(CharacterKinds.Invisible))
        {
            Add(errors, field, text.InvisibleCharacters);
        }
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    /// <summary>What the client sent, cut and cleaned, for quoting it back in a message.</summary>
    private static string Printable(string value)
    {
        var clean = new string(value.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Format).Take(60).ToArray());
        return clean.Length < value.Length ? clean + "…" : clean;
    }

    [GeneratedRegex(@"^[^\s@<>()\[\],;:""]+@[^\s@<>()\[\],;:""]+\.[^\s@<>()\[\],;:""]{2,}$")]
    private static partial Regex EmailPattern();
}
