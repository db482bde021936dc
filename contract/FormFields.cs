namespace WeekendCulturel.Contract;

/// <summary>
/// The names and length limits of the fields that the site's forms post to the registration API. The theme
/// writes them into its forms (<c>name</c> and <c>maxlength</c>, which the site's script reads back), the API
/// reads and checks them, and the API's own no-script form pages write them again.
/// </summary>
public static class FormFields
{
    public const string Sessions = "sessions";
    public const string FirstName = "firstName";
    public const string LastName = "lastName";
    public const string Email = "email";
    public const string Organisation = "organisation";
    public const string Lang = "lang";
    public const string AcceptWaitlist = "acceptWaitlist";
    public const string AcceptPrivacy = "acceptPrivacy";

    /// <summary>The trap for robots: a field people cannot see, so anything in it was not typed by a person.</summary>
    public const string Website = "website";

    /// <summary>The registration form's hidden field for its idempotency key, which the site's script fills (JSON clients send the header).</summary>
    public const string IdempotencyKey = "idempotencyKey";

    /// <summary>A booking's confirm code, as its e-mail carried it.</summary>
    public const string Code = "code";

    /// <summary>A newsletter link's token.</summary>
    public const string Token = "token";

    /// <summary>A first or last name.</summary>
    public const int MaxName = 100;

    public const int MaxOrganisation = 200;

    /// <summary>The longest address that SMTP can carry (RFC 5321's path limit less its angle brackets).</summary>
    public const int MaxEmail = 254;
}
