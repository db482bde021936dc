namespace WeekendCulturel.Registration;

/// <summary>
/// Configuration of the registration backend, bound from the <c>Registration</c> section
/// (<c>Registration__StorageConnectionString</c> and so on in environment variables).
/// </summary>
public sealed class RegistrationOptions
{
    public const string Section = "Registration";

    /// <summary>Table Storage by connection string (Azurite locally).</summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>Table Storage by endpoint, signed in with the app's managed identity (used when no connection string is set).</summary>
    public Uri? TableEndpoint { get; set; }

    public string TableName { get; set; } = "registrations";

    /// <summary>
    /// The site's public address (<c>https://…/</c>), where the API is reached under <c>/api</c>. The absolute
    /// links the API writes (the private booking link) start with it, never with a request's own headers,
    /// and forms may only be posted from its origin. Unset, links are written as paths of the site and the
    /// API's own origin stands for the site's, which is right when both are served together, as by serve.
    /// </summary>
    public Uri? SiteUrl { get; set; }

    /// <summary>
    /// The organisers' key for <c>admin/*</c>, checked by the handlers when set. On Azure the Functions host
    /// checks its own function key before the handler runs, so it may be left unset there.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>POSTs per client address per minute; 0 disables the limit.</summary>
    public int RateLimitPerMinute { get; set; } = 20;

    /// <summary>
    /// The proxies in front of the API that each append the address they received the request from to
    /// X-Forwarded-For: the client is the address the outermost of them wrote, counted from the right. 0 (no
    /// proxy, as locally) takes the connection's address and ignores the header, which the client can write.
    /// </summary>
    public int TrustedProxies { get; set; }

    /// <summary>Secret of the keyed hash of emails used in table keys.</summary>
    public string? EmailHashKey { get; set; }

    /// <summary>Personal data is deleted this many days after the event's last day.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>
    /// Version 2: a seat taken by an address not yet verified is held until confirmed from an e-mail. False
    /// gives version 1 (seats confirmed at once, no confirmation asked; e-mails still tell what happened).
    /// </summary>
    public bool ConfirmByEmail { get; set; } = true;

    /// <summary>How long a seat is held for an address not yet verified (never past the session's start).</summary>
    public int HoldMinutes { get; set; } = 30;

    /// <summary>How long a seat offered to the waiting list is kept for the person it is offered to.</summary>
    public int OfferHours { get; set; } = 12;

    /// <summary>No seat is offered this close to the session's start (nor held past it): it stays free for the door.</summary>
    public int OfferCutoffMinutes { get; set; } = 60;

    /// <summary>Confirmed attendees get a reminder this many hours before the session starts.</summary>
    public int ReminderHours { get; set; } = 24;

    /// <summary>The sender of every e-mail, <c>Name &lt;address&gt;</c>.</summary>
    public string MailFrom { get; set; } = "Week-end culturel de l'IA <ne-pas-repondre@weekend-culturel-ia.culture.gouv.fr>";

    /// <summary>The SMTP relay (<c>Registration__Smtp__Host</c> and so on): the local mail catcher, ACS Email's relay or the ministry's own.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// What is wrong with these settings, one sentence each, naming the setting; empty when the backend may
    /// start. Each of these would otherwise do harm quietly, long after the start.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[] { (nameof(EmailHashKey), EmailHashKey), (nameof(AdminKey), AdminKey) })
        {
            // The platform leaves the reference text in place when it cannot read the vault; taken as it is,
            // it would pass as a 40-character secret and every email would be hashed with it.
            if (value?.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true)
            {
                problems.Add($"{Section}:{name} still holds a Key Vault reference that was not resolved (check the app's identity and its access to the vault)");
            }
        }

        if (string.IsNullOrWhiteSpace(EmailHashKey) || EmailHashKey.Length < 32)
        {
            problems.Add($"{Section}:EmailHashKey must be a secret of at least 32 characters");
        }

        if (RetentionDays <= 0)
        {
            problems.Add($"{Section}:RetentionDays must be at least 1, not {RetentionDays}: personal data would be deleted as soon as the retention runs");
        }

        if (TrustedProxies < 0)
        {
            problems.Add($"{Section}:TrustedProxies must be 0 or more, not {TrustedProxies}");
        }

        if (SiteUrl is { } site && (!site.IsAbsoluteUri || site.Scheme is not ("https" or "http")))
        {
            problems.Add($"{Section}:SiteUrl must be an absolute http(s) address, not '{site}'");
        }

        foreach (var (name, value, least) in new[] { (nameof(HoldMinutes), HoldMinutes, 1), (nameof(OfferHours), OfferHours, 1), (nameof(OfferCutoffMinutes), OfferCutoffMinutes, 0), (nameof(ReminderHours), ReminderHours, 0) })
        {
            if (value < least)
            {
                problems.Add($"{Section}:{name} must be at least {least}, not {value}");
            }
        }

        if (!MimeKit.MailboxAddress.TryParse(MailFrom, out _))
        {
            problems.Add($"{Section}:MailFrom must be an address such as 'Name <address@domain>', not '{MailFrom}'");
        }

        return problems;
    }
}

/// <summary>How to reach the SMTP relay; no host means no relay, and messages stay pending in the outbox.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The connection's protection: <c>StartTls</c> (relays on 587), <c>SslOnConnect</c> (465) or <c>None</c> (the local catcher).</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
}

/// <summary>How the SMTP connection is protected.</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}
