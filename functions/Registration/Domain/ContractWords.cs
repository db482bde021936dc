using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WeekendCulturel.Registration.Domain;

/// <summary>
/// How the contract spells a member of a closed set: its name in lower-case kebab case (<c>NotYetOpen</c> is
/// <c>not-yet-open</c>). JSON answers write it through <see cref="ContractWordConverter{T}"/>, pages, links and the
/// CSV through <see cref="Word{T}"/>: one naming policy for both, so they cannot drift apart.
/// </summary>
public static class ContractWords
{
    public static JsonNamingPolicy Policy => JsonNamingPolicy.KebabCaseLower;

    public static string Word<T>(this T value)
        where T : struct, Enum => Words<T>.ByValue[value];

    /// <summary>The member the contract's <paramref name="word"/> names, if any (exactly spelled).</summary>
    public static bool TryParse<T>(string word, out T value)
        where T : struct, Enum => Words<T>.ByWord.TryGetValue(word, out value);

    private static class Words<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue = Enum.GetValues<T>().ToFrozenDictionary(v => v, v => Policy.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, T> ByWord = ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}

/// <summary>Writes and reads an enum as its contract word (<see cref="ContractWords"/>), never as a number.</summary>
public sealed class ContractWordConverter<T>() : JsonStringEnumConverter<T>(ContractWords.Policy, allowIntegerValues: false)
    where T : struct, Enum;
