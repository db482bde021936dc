using System.Text.Json;
using WeekendCulturel.Registration.Domain;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// The closed sets of the contract (a session's state, an outcome's status and reason, an export row's status)
/// are written in JSON and in pages, links and CSV with the same words, and those words are the contract's.
/// </summary>
public sealed class ContractWordsTests
{
    [Fact]
    public void Each_set_has_the_contracts_words()
    {
        Assert.Equal(["not-yet-open", "open", "waitlist", "full", "closed"], Words<Availability>());
        Assert.Equal(["held", "confirmed", "waitlisted", "registered", "rejected", "cancelled", "expired"], Words<OutcomeStatus>());
        Assert.Equal(["not-yet-open", "closed", "full", "conflict"], Words<RejectionReason>());
        Assert.Equal(["confirmed", "waitlisted", "cancelled", "held", "expired"], Words<RegistrationStatus>());
    }

    [Fact]
    public void Json_writes_and_reads_the_same_words_as_pages_and_links()
    {
        AssertSameWords<Availability>();
        AssertSameWords<OutcomeStatus>();
        AssertSameWords<RejectionReason>();
        AssertSameWords<RegistrationStatus>();
    }

    /// <summary>A link's reason is taken only as the contract spells it (JSON reading, unused by the API, is laxer about case).</summary>
    [Fact]
    public void A_number_or_another_spelling_is_no_word_of_the_contract()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RejectionReason>("0"));
        Assert.False(ContractWords.TryParse<RejectionReason>("NotYetOpen", out _));
        Assert.False(ContractWords.TryParse<RejectionReason>("Full", out _));
        Assert.True(ContractWords.TryParse<RejectionReason>("not-yet-open", out var reason));
        Assert.Equal(RejectionReason.NotYetOpen, reason);
    }

    private static string[] Words<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Select(v => v.Word())];

    private static void AssertSameWords<T>()
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            var json = JsonSerializer.Serialize(value);
            Assert.Equal($"\"{value.Word()}\"", json);
            Assert.Equal(value, JsonSerializer.Deserialize<T>(json));
            Assert.True(ContractWords.TryParse<T>(value.Word(), out var parsed));
            Assert.Equal(value, parsed);
        }
    }
}
