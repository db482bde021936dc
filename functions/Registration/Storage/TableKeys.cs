namespace WeekendCulturel.Registration.Storage;

/// <summary>
/// Every key by which the one table's rows are written and found, defined once for every reader and writer.
/// A session's partition is its id; keys starting with '!' cannot collide with session ids (lower-case letters,
/// digits and hyphens), and each kind of row has its own prefix, so that a range of keys holds one kind.
/// </summary>
public static class TableKeys
{
    /// <summary>A session's seats: the row of its <see cref="CounterEntity"/> in the session's partition.</summary>
    public const string Counter = "!counter";

    /// <summary>The catalogue's partition (<see cref="SessionEntity"/>, one row per session).</summary>
    public const string Sessions = "!sessions";

    /// <summary>The newsletter's partition (<see cref="NewsletterEntity"/>).</summary>
    public const string Newsletter = "!newsletter";

    /// <summary>The partition of the site-wide facts (<see cref="SiteEntity"/>).</summary>
    public const string Site = "!site";

    /// <summary>A registration's row in its session's partition: <c>r-{email hash}</c>.</summary>
    public static readonly KeyPrefix Registration = new("r-");

    /// <summary>A person's marker in their booking partition: <c>p-{email hash}</c>.</summary>
    public static readonly KeyPrefix Person = new("p-");

    /// <summary>A booking partition: <c>!b-{first two hex digits of a hash}</c>.</summary>
    public static readonly KeyPrefix Bookings = new("!b-");

    /// <summary>An outbox message's row, in the partition of the change that owes it: <c>!m-{id}</c>.</summary>
    public static readonly KeyPrefix Message = new("!m-");
}

/// <summary>The prefix of one kind of key (<see cref="TableKeys"/>).</summary>
public sealed record KeyPrefix(string Text)
{
    /// <summary>The key made of this prefix and <paramref name="rest"/>.</summary>
    public string Key(string rest) => Text + rest;

    public bool Starts(string key) => key.StartsWith(Text, StringComparison.Ordinal);

    /// <summary>What follows the prefix in a key that <see cref="Starts"/> with it.</summary>
    public string Rest(string key) => key[Text.Length..];

    /// <summary>
    /// The first key after every key with this prefix: a range query reads this prefix's keys alone as
    /// <c>ge</c> <see cref="Text"/> and <c>lt</c> this (keys compare ordinally).
    /// </summary>
    public string End { get; } = Text[..^1] + (char)(Text[^1] + 1);
}
