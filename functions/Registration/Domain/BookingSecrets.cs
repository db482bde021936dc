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

    // Draws that did not fit the person asking, kept (a few per first byte of their token's hash) for the next
    // people whose email hash starts with that byte, as ManageToken.NewFor keeps its tokens: almost no draw is
    // wasted, and a booking costs about two keyed hashes instead of 256.
    private const int KeptPerByte = 4;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string>[] _kept = [.. Enumerable.Range(0, 256).Select(_ => new System.Collections.Concurrent.ConcurrentQueue<string>())];

    /// <summary>
    /// A new booking for a person: a random id whose token (<see cref="TokenFor"/>) has a SHA-256 starting with
    /// the same byte as the person's email hash, so that the booking lands in the partition of the person's
    /// marker and can be written as the marker itself (see <see cref="ManageToken.NewFor"/>).
    /// </summary>
    public (string BookingId, string ManageToken) NewBooking(string emailHash)
    {
        var wanted = Convert.FromHexString(emailHash.AsSpan(0, 2))[0];
        if (_kept[wanted].TryDequeue(out var kept))
        {
            return (kept, TokenFor(kept));
        }

        while (true)
        {
            var bookingId = ManageToken.NewBookingId();
            var fits = FirstHashByte(bookingId);
            if (fits == wanted)
            {
                return (bookingId, TokenFor(bookingId));
            }

            if (_kept[fits].Count < KeptPerByte)
            {
                _kept[fits].Enqueue(bookingId);
            }
        }
    }

    /// <summary>Whether a booking id's token lands in the partition of the person with this email hash.</summary>
    public bool Fits(string bookingId, string emailHash) => FirstHashByte(bookingId) == Convert.FromHexString(emailHash.AsSpan(0, 2))[0];

    /// <summary>The booking's manage token: 256 bits, a keyed hash of its id.</summary>
    public string TokenFor(string bookingId) =>
        System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(_tokens, Encoding.UTF8.GetBytes(bookingId)));

    private byte FirstHashByte(string bookingId)
    {
        Span<byte> token = stackalloc byte[32];
        Span<byte> text = stackalloc byte[43];
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_tokens, Encoding.UTF8.GetBytes(bookingId), token);
        System.Buffers.Text.Base64Url.EncodeToUtf8(token, text);
        SHA256.HashData(text, hash);
        return hash[0];
    }

    /// <summary>The booking's confirm code: 128 bits, URL-safe, never in an API answer.</summary>
    public string CodeFor(string bookingId) =>
        System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(_codes, Encoding.UTF8.GetBytes(bookingId)).AsSpan(0, 16));

    /// <summary>Whether a code sent is the booking's, compared in constant time.</summary>
    public bool IsCode(string bookingId, string? code) =>
        code is { Length: 22 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeFor(bookingId)), Encoding.ASCII.GetBytes(code));
}
