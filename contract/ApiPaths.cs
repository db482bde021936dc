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

    /// <summary>The page of one booking, opened with its private token.</summary>
    public static string BookingPage(string token) => Registrations + "/" + token + "/page";
}
