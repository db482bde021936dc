namespace WeekendCulturel.Contract;

/// <summary>
/// The registration API's addresses that the site's forms post to and the site's script calls. The API is
/// served under the site's own host, so they are paths, like the site's own addresses.
/// </summary>
public static class ApiPaths
{
    public const string Root = "/api";

    /// <summary>The live seat counts of every session.</summary>
    public const string Sessions = Root + "/sessions";

    public const string Registrations = Root + "/registrations";

    /// <summary>"Find my registrations": e-mails the links of an address's bookings.</summary>
    public const string Recover = Registrations + "/recover";

    public const string Newsletter = Root + "/newsletter";

    /// <summary>One booking, named by its private token: what its pages and buttons address.</summary>
    public static string Booking(string token) => Registrations + "/" + token;

    /// <summary>The page of one booking, opened with its private token.</summary>
    public static string BookingPage(string token) => Booking(token) + "/page";

    /// <summary>The page of one booking in a language: what redirects, e-mails and the API's pages link to.</summary>
    public static string BookingPage(string token, string lang) => BookingPage(token) + "?lang=" + lang;

    /// <summary>The page that confirms held seats (GET, from the e-mail) and its button (POST).</summary>
    public static string Confirm(string token) => Booking(token) + "/confirm";

    /// <summary>One session of a booking, its id escaped for a path.</summary>
    public static string BookingSession(string token, string sessionId) => Booking(token) + "/sessions/" + Uri.EscapeDataString(sessionId);

    /// <summary>The page that gives a seat back (GET, from the reminder).</summary>
    public static string GiveBack(string token, string sessionId) => BookingSession(token, sessionId) + "/give-back";

    /// <summary>The button that cancels one session of a booking.</summary>
    public static string CancelSession(string token, string sessionId) => BookingSession(token, sessionId) + "/cancel";

    public const string NewsletterConfirm = Newsletter + "/confirm";

    public const string NewsletterUnsubscribe = Newsletter + "/unsubscribe";
}
