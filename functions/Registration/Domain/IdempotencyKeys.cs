using System.Security.Cryptography;
using System.Text;

namespace WeekendCulturel.Registration.Domain;

/// <summary>
/// The booking of a request that carries an idempotency key (the <c>Idempotency-Key</c> header, or the form's
/// hidden field). Its booking id and manage token are not drawn at random but derived, with a keyed hash, from
/// a server secret, the key, the person (their email's keyed hash) and the sessions asked (its token is then derived from
/// the id, as every booking's is: <see cref="BookingSecrets"/>). Sending the request
/// again therefore names the same booking: a retry after a failure midway finds the seats the first attempt
/// took under that booking's id, and gets the token that manages them. Nothing is stored for the key.
/// </summary>
/// <remarks>
/// The secret is what makes a token unguessable: the key alone, or a copy of the table, gives nothing (what a
/// copy of the table together with the secret gives is said in <see cref="BookingSecrets"/>). Someone else's key
/// sent with your email names another booking than yours (your email is part of it), and the same key with
/// other sessions another booking again.
/// </remarks>
public sealed class IdempotencyKeys(byte[] secret)
{
    private readonly byte[] _secret = HMACSHA256.HashData(secret, "idempotency-keys"u8);

    /// <summary>
    /// 16 to 128 letters, digits, '-' or '_': a UUID or 128 random bits in hex fit. Anything else is ignored,
    /// as if no key had been sent; a short key would make the booking it names easy to guess for anyone who
    /// knows the email.
    /// </summary>
    public static bool IsWellFormed(string? key) =>
        key is { Length: >= 16 and <= 128 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// The id of the booking a keyed request names: the first of its numbered candidates whose token lands in
    /// the partition of the person's marker (<see cref="BookingSecrets.Fits"/>), about 256 keyed hashes.
    /// </summary>
    public string BookingIdFor(string key, string emailHash, IReadOnlyList<string> sessions, BookingSecrets secrets)
    {
        var request = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"{key}\n{emailHash}\n{string.Join(',', sessions)}"));
        var candidate = new byte["booking-id".Length + 4];
        "booking-id"u8.CopyTo(candidate);
        for (var n = 0; ; n++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(candidate.AsSpan("booking-id".Length), n);
            var bookingId = "b_" + System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(request, candidate).AsSpan(0, 12));
            if (secrets.Fits(bookingId, emailHash))
            {
                return bookingId;
            }
        }
    }
}
