using Azure;
using Azure.Data.Tables;

namespace WeekendCulturel.Registration.Storage;

// One table holds everything (its keys: TableKeys). A session's partition (its id) holds its counter and its
// registrations, so that a registration, a cancellation or a promotion is one entity-group transaction with
// the counter.

/// <summary>The seats of one session: in the session's partition, row <c>!counter</c>.</summary>
public sealed class CounterEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = TableKeys.Counter;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Capacity { get; set; }
    public bool Waitlist { get; set; }
    public int Confirmed { get; set; }
    public int Waiting { get; set; }

    /// <summary>Hands out waiting-list order numbers; only ever grows.</summary>
    public long NextSequence { get; set; }

    /// <summary>Seats held for people who have not confirmed them yet (first holds and offers).</summary>
    public int Held { get; set; }

    /// <summary>
    /// No deadline of a row of this session (a hold, an offer, a waiting place to confirm) is earlier: until
    /// then nothing can have expired, and nobody needs to look. It may be earlier than the true first deadline
    /// (a confirmed hold leaves it), never later; whoever finds it passed releases what expired and sets it again.
    /// <see cref="Never"/> when nothing waits for a deadline: not null, since the counter is merged, and a merge
    /// leaves a property it is sent without (the SDK omits nulls) as it was: a cleared deadline would stay, and
    /// every write would find it passed. Counters written before version 2 have none and read as <see cref="Never"/>.
    /// </summary>
    public DateTimeOffset NextExpiry { get; set; } = Never;

    public static readonly DateTimeOffset Never = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);
}

/// <summary>One person's registration to one session: in the session's partition, row <c>r-{email hash}</c>.</summary>
public sealed class RegistrationEntity : ITableEntity
{
    public static string RowFor(string emailHash) => TableKeys.Registration.Key(emailHash);

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string BookingId { get; set; } = "";
    public string Status { get; set; } = "";

    /// <summary>Order on the waiting list (from the counter's NextSequence); 0 when confirmed at once.</summary>
    public long Sequence { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Email { get; set; } = "";
    public string Organisation { get; set; } = "";
    public string Lang { get; set; } = "fr";
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>
    /// For <c>Held</c>: the moment the seat is released unless confirmed. For <c>Waitlisted</c> from an address
    /// not yet verified: the moment the place is lost unless confirmed (the contract's <c>confirmBy</c>). Null otherwise.
    /// </summary>
    public DateTimeOffset? HoldUntil { get; set; }

    /// <summary>A held seat that was offered from the waiting list (its expiry says so to the person).</summary>
    public bool Offer { get; set; }

    /// <summary>The reminder before the session was recorded for sending (once per attendee).</summary>
    public bool Reminded { get; set; }

    /// <summary>
    /// The message the registration owed when its row was inserted (its confirmation request, confirmation or
    /// waiting place), a <see cref="Mail.MessageKind"/> by name: carried by the row itself instead of an outbox
    /// row, so that in a rush a registration is one action of its session's transaction, not two. Empty when
    /// the row carries none. Only an insert sets it, and a row that replaces a cancelled one keeps the old
    /// one's, so a row carries at most one message in its life and its keys name it (see <see cref="OutboxRows.Carried"/>).
    /// </summary>
    public string OwedKind { get; set; } = "";

    /// <summary>When the carried message was owed (its <see cref="OutboxEntity.CreatedAt"/>).</summary>
    public DateTimeOffset? OwedAt { get; set; }

    /// <summary>
    /// The booking the carried message is about: the one that inserted the row, whichever took it since. Its
    /// language and address are the row's, so the person's latest (the address is the same but for its case).
    /// </summary>
    public string OwedBooking { get; set; } = "";

    /// <summary>The carried message waits to be sent (its <see cref="OutboxEntity.Pending"/>).</summary>
    public bool Owed { get; set; }
}

/// <summary>
/// A booking, found from its manage token: partition <c>!b-{first two hex digits of the token's hash}</c>,
/// property <see cref="TokenHash"/> the token's SHA-256 (the token itself is never stored). A person's first
/// booking is also their marker: row <c>p-{email hash}</c> (see <see cref="PersonEntity"/>), one entity
/// written with one insert. Any later booking has the token's hash as its row key.
/// </summary>
public sealed class BookingEntity : ITableEntity
{
    public static string PartitionFor(string tokenHash) => TableKeys.Bookings.Key(tokenHash[..2]);

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The SHA-256 of the manage token. Bookings written before markers carried them have it only as their row key.</summary>
    public string TokenHash { get; set; } = "";

    public string BookingId { get; set; } = "";
    public string EmailHash { get; set; } = "";

    /// <summary>The sessions the booking asked for, comma-separated; each one's registration says if it holds.</summary>
    public string Sessions { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string Email { get; set; } = "";
    public string Lang { get; set; } = "fr";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>On a person's marker (row <c>p-…</c>): the address was proven by a confirmation, later seats are confirmed at once.</summary>
    public bool Verified { get; set; }
}

/// <summary>
/// A person seen before: row <c>p-{email hash}</c> in the booking partition of that hash (the same as that of
/// each of their bookings, see <see cref="Domain.ManageToken.NewFor"/>). Since markers carry bookings, the
/// marker is the person's first booking itself (a <see cref="BookingEntity"/> in that row), so it exists
/// before any of their registrations; markers written before hold only <see cref="FirstSeen"/>. Someone
/// without one holds no registration anywhere.
/// </summary>
public sealed class PersonEntity : ITableEntity
{
    public static string RowFor(string emailHash) => TableKeys.Person.Key(emailHash);

    /// <summary>The partition of the person's marker: that of the bookings drawn for them.</summary>
    public static string PartitionFor(string emailHash) => BookingEntity.PartitionFor(emailHash);

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    /// <summary>See <see cref="BookingEntity.Verified"/>.</summary>
    public bool Verified { get; set; }
}

/// <summary>The catalogue of sessions (partition <c>!sessions</c>), written by <c>registrations sync</c>.</summary>
public sealed class SessionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = TableKeys.Sessions;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TitleFr { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public DateTimeOffset Opens { get; set; }
    public DateTimeOffset Closes { get; set; }
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset End { get; set; }
    public int Capacity { get; set; }
    public bool Waitlist { get; set; }
    public string PageFr { get; set; } = "";
    public string PageEn { get; set; } = "";
    public string CalendarFr { get; set; } = "";
    public string CalendarEn { get; set; } = "";

    /// <summary>The session's calendar files (<see cref="SessionCalendars"/>), null when too long for a table's text or not carried.</summary>
    public string? CalendarTextFr { get; set; }

    public string? CalendarTextEn { get; set; }
}

/// <summary>A newsletter subscription: partition <c>!newsletter</c>, row the email's keyed hash.</summary>
public sealed class NewsletterEntity : ITableEntity
{
    public string PartitionKey { get; set; } = TableKeys.Newsletter;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Email { get; set; } = "";
    public string Lang { get; set; } = "fr";
    public DateTimeOffset SubscribedAt { get; set; }

    /// <summary>Asked but not confirmed from the e-mail yet: such an address gets nothing and is deleted after <see cref="PendingDays"/> days.</summary>
    public bool Pending { get; set; }

    public const int PendingDays = 7;
}

/// <summary>
/// An e-mail owed by a change: row <c>!m-{id}</c> in the partition of the change (a session's, a booking
/// partition, the newsletter's), written in the same transaction as the change, so that the change and its
/// message land together or not at all. A new registration's message is carried by its row instead
/// (<see cref="RegistrationEntity.OwedKind"/>), and read as one of these (<see cref="OutboxRows.Carried"/>). The dispatcher sends it and marks it sent; it is deleted with the
/// other personal data. What the message says is read when it is sent (<see cref="Mail.MailDispatcher"/>).
/// </summary>
public sealed class OutboxEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>A <see cref="Mail.MessageKind"/>, by name.</summary>
    public string Kind { get; set; } = "";
    public string Lang { get; set; } = "fr";

    /// <summary>The recipient; emptied once the message is sent.</summary>
    public string Email { get; set; } = "";
    public string EmailHash { get; set; } = "";

    /// <summary>The booking the message is about (empty for the newsletter and recovery).</summary>
    public string BookingId { get; set; } = "";

    /// <summary>The session the change was in (empty when the message is about a booking or an address).</summary>
    public string Session { get; set; } = "";
    public bool Pending { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>
/// Site-wide facts the backend needs: the event's last day (for retention) and the page shells in which the
/// no-JavaScript booking pages are rendered, in partition <c>!site</c>.
/// </summary>
public sealed class SiteEntity : ITableEntity
{
    public string PartitionKey { get; set; } = TableKeys.Site;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Value { get; set; } = "";
}
