using System.Security.Cryptography;
using System.Text;

namespace WeekendCulturel.Registration.Domain;

/// <summary>
/// The booking of a request that carries an idempotency key (the <c>Idempotency-Key</c> header, or the form's
/// hidden field). Its booking id and manage token are not drawn at random but derived, with a keyed hash, from
/// a server secret, the key, the person (their email's keyed hash) and the sessions asked. Sending the request
/// again therefore names the same booking: a retry after a failure midway finds the seats the first attempt
/// took under that booking's id, and gets the token that manages them. Nothing is stored for the key.
/// </summary>
/// <remarks>
/// The secret is what makes a token unguessable: the key alone, or a copy of the table, gives nothing. The
/// table holds what it held before, the token's SHA-256 and never the token, and not the key, so a stolen
/// table plus the secret still needs each person's key, which lives only in their browser. Someone else's key
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

    public (string BookingId, string ManageToken) BookingFor(string key, string emailHash, IReadOnlyList<string> sessions)
    {
        using var request = new HMACSHA256(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"{key}\n{emailHash}\n{string.Join(',', sessions)}")));
        var bookingId = "b_" + System.Buffers.Text.Base64Url.EncodeToString(request.ComputeHash("booking-id"u8.ToArray()).AsSpan(0, 12));

        // As ManageToken.NewFor: a token whose SHA-256 starts with the email hash's first byte, so that the
        // booking can be the person's marker. Candidates are numbered, the first that fits is the token.
        var wanted = Convert.FromHexString(emailHash.AsSpan(0, 2))[0];
        Span<byte> candidate = stackalloc byte[32];
        Span<byte> hash = stackalloc byte[32];
        var number = new byte[4];
        for (var n = 0; ; n++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(number, n);
            request.TryComputeHash(number, candidate, out _);
            var token = System.Buffers.Text.Base64Url.EncodeToString(candidate);
            SHA256.HashData(Encoding.ASCII.GetBytes(token), hash);
            if (hash[0] == wanted)
            {
                return (bookingId, token);
            }
        }
    }
}
