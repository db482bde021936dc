namespace WeekendCulturel.Registration.Mail;

/// <summary>Every e-mail the backend sends: each is owed by one change of state (or one request) and recorded with it.</summary>
public enum MessageKind
{
    /// <summary>Seats held (or places on a waiting list) for an address not yet verified: confirm by <c>holdUntil</c>.</summary>
    ConfirmRequest,

    /// <summary>Seats confirmed (a verified address, or a confirmation just made): each seat's calendar file attached.</summary>
    Confirmed,

    /// <summary>A place on a waiting list, with its position, for a verified address.</summary>
    Waitlisted,

    /// <summary>A seat freed and offered to the first person waiting: confirm it by its deadline.</summary>
    Offer,

    /// <summary>An offer not confirmed in time: the seat went to the next person.</summary>
    OfferExpired,

    /// <summary>A hold not confirmed in time: the seat (or the place on the waiting list) was released.</summary>
    HoldExpired,

    /// <summary>Sessions given back.</summary>
    Cancelled,

    /// <summary>A confirmed seat, some hours before the session: its details, calendar file and a give-back link.</summary>
    Reminder,

    /// <summary>The links of every booking an address holds, asked from "Find my registrations".</summary>
    Recovery,

    /// <summary>A request for sessions the address already holds: its own links, nothing said in the API answer.</summary>
    AlreadyRegistered,

    /// <summary>A newsletter subscription to confirm (double opt-in).</summary>
    NewsletterConfirm,
}
