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

        return problems;
    }
}
