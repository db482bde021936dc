using System.Collections.Concurrent;
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

/// <summary>
/// The shape and storage of a booking's private manage token: 43 base64url characters (256 bits), stored only
/// as its SHA-256. Bookings get theirs from <see cref="BookingSecrets"/>; the random ones drawn here serve the
/// robot trap and bookings made before version 2.
/// </summary>
public static class ManageToken
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    // Draws that did not fit the person asking, kept (a few per first byte of their hash) for the next people
    // whose email hash starts with that byte: email hashes are spread evenly, so almost no draw is wasted.
    // Each kept token is handed out once, then forgotten here.
    private const int KeptPerByte = 4;
    private static readonly ConcurrentQueue<string>[] Kept = Enumerable.Range(0, 256).Select(_ => new ConcurrentQueue<string>()).ToArray();

    /// <summary>
    /// A new token whose SHA-256 starts with the same byte as the person's email hash, so that the booking
    /// lands in the partition of the person's marker and both are written in one transaction. Tokens are
    /// drawn at random until one fits: still 248 unguessable bits.
    /// </summary>
    public static string NewFor(string emailHash)
    {
        var wanted = Convert.FromHexString(emailHash.AsSpan(0, 2))[0];
        if (Kept[wanted].TryDequeue(out var kept))
        {
            return kept;
        }

        const int Draws = 32;
        Span<byte> random = stackalloc byte[32 * Draws];
        Span<byte> text = stackalloc byte[43];
        Span<byte> hash = stackalloc byte[32];
        while (true)
        {
            RandomNumberGenerator.Fill(random);
            for (var i = 0; i < Draws; i++)
            {
                System.Buffers.Text.Base64Url.EncodeToUtf8(random.Slice(i * 32, 32), text);
                SHA256.HashData(text, hash);
                if (hash[0] == wanted)
                {
                    return Encoding.ASCII.GetString(text);
                }

                if (Kept[hash[0]].Count < KeptPerByte)
                {
                    Kept[hash[0]].Enqueue(Encoding.ASCII.GetString(text));
                }
            }
        }
    }

    public static string NewBookingId() => "b_" + Base64Url(RandomNumberGenerator.GetBytes(12));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A token has the shape New() gives; anything else is not looked up at all.</summary>
    public static bool IsWellFormed(string token) =>
        token.Length == 43 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
