using System.Security.Cryptography;
using System.Text;

namespace WeekendCulturel.Registration.Domain;

/// <summary>
/// A booking's two secrets, derived with keyed hashes of the server's secret from the booking's id: its
/// manage token (opens the booking) and its confirm code (sent only by e-mail, proves the address). Being
/// derived, neither is stored, and the server can write both into an e-mail long after the request that made
/// the booking: an offer, a reminder, the links asked for by "Find my registrations".
/// </summary>
/// <remarks>
/// The booking id is public (answers carry it), the secret is not: an id alone gives nothing. The price of
/// being able to send links again is that the secret together with a copy of the table gives every token;
/// that is true of any design that can send a lost link again, and the secret lives in Key Vault.
/// </remarks>
public sealed class BookingSecrets(byte[] secret)
{
    private readonly byte[] _tokens = HMACSHA256.HashData(secret, "manage-tokens"u8);
    private readonly byte[] _codes = HMACSHA256.HashData(secret, "confirm-codes"u8);

    /// <summary>A new booking for a person: a random id and the token derived from it.</summary>
    public (string BookingId, string ManageToken) NewBooking(string emailHash)
    {
        var bookingId = ManageToken.NewBookingId();
        return (bookingId, TokenFor(bookingId, emailHash));
    }

    /// <summary>
    /// The booking's manage token: 256 bits whose SHA-256 starts with the same byte as the person's email
    /// hash, so that the booking lands in the partition of the person's marker (see <see cref="ManageToken.NewFor"/>).
    /// Candidates are numbered, the first that fits is the token: about 256 keyed hashes, well under a millisecond.
    /// </summary>
    public string TokenFor(string bookingId, string emailHash)
    {
        using var booking = new HMACSHA256(HMACSHA256.HashData(_tokens, Encoding.UTF8.GetBytes(bookingId)));
        var wanted = Convert.FromHexString(emailHash.AsSpan(0, 2))[0];
        Span<byte> candidate = stackalloc byte[32];
        Span<byte> text = stackalloc byte[43];
        Span<byte> hash = stackalloc byte[32];
        var number = new byte[4];
        for (var n = 0; ; n++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(number, n);
            booking.TryComputeHash(number, candidate, out _);
            System.Buffers.Text.Base64Url.EncodeToUtf8(candidate, text);
            SHA256.HashData(text, hash);
            if (hash[0] == wanted)
            {
                return Encoding.ASCII.GetString(text);
            }
        }
    }

    /// <summary>The booking's confirm code: 128 bits, URL-safe, never in an API answer.</summary>
    public string CodeFor(string bookingId) =>
        System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(_codes, Encoding.UTF8.GetBytes(bookingId)).AsSpan(0, 16));

    /// <summary>Whether a code sent is the booking's, compared in constant time.</summary>
    public bool IsCode(string bookingId, string? code) =>
        code is { Length: 22 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeFor(bookingId)), Encoding.ASCII.GetBytes(code));
}
