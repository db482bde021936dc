using System.Security.Cryptography;
using System.Text;

namespace WeekendCulturel.Registration.Domain;

/// <summary>What a newsletter link lets its holder do.</summary>
public enum NewsletterAction
{
    Confirm,
    Unsubscribe,
}

/// <summary>
/// The newsletter's links: the address's keyed hash (the row of its subscription) and a keyed hash of it for
/// the action, so that a link works for one address and one action, and nothing needs storing to check it.
/// </summary>
public sealed class NewsletterTokens(byte[] secret)
{
    private readonly byte[] _key = HMACSHA256.HashData(secret, "newsletter-links"u8);

    public string For(string emailHash, NewsletterAction action) => $"{emailHash}-{Mac(emailHash, action)}";

    /// <summary>The email hash a token was made for, when it is one of ours for this action; else null.</summary>
    public string? Read(string? token, NewsletterAction action)
    {
        if (token is not { Length: 64 + 1 + 22 } || token[64] != '-' || !token[..64].All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var hash = token[..64];
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(hash, action)), Encoding.ASCII.GetBytes(token[65..])) ? hash : null;
    }

    private string Mac(string emailHash, NewsletterAction action) =>
        System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{action}\n{emailHash}")).AsSpan(0, 16));
}
