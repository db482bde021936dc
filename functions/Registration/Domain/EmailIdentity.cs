using System.Security.Cryptography;
using System.Text;

namespace WeekendCulturel.Registration.Domain;

/// <summary>
/// Turns an email into the key that identifies a person in storage: a keyed hash (HMAC-SHA-256) of the
/// normalised address, so that no raw email ever appears in a table key and the key cannot be recomputed
/// from a list of addresses without the secret.
/// </summary>
public sealed class EmailIdentity(byte[] key)
{
    public static string Normalise(string email) => email.Trim().ToLowerInvariant();

    public string Hash(string email) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Normalise(email))));

    /// <summary><c>camille.martin@example.org</c> shows as <c>c•••@example.org</c>.</summary>
    public static string Mask(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "•••" : email[0] + "•••" + email[at..];
    }
}

/// <summary>The private manage token of a booking: 256 random bits, stored only as its SHA-256.</summary>
public static class ManageToken
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewBookingId() => "b_" + Base64Url(RandomNumberGenerator.GetBytes(12));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A token has the shape New() gives; anything else is not looked up at all.</summary>
    public static bool IsWellFormed(string token) =>
        token.Length == 43 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
