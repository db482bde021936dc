namespace WeekendCulturel.Registration.Domain;

/// <summary>Whom seats freed in a session go to, among the people on its waiting list.</summary>
public static class Promotion
{
    /// <summary>
    /// The people to confirm, in their waiting order: the first <paramref name="freeSeats"/> of the list who hold
    /// no seat in a session at the same time. Those who do are passed over and keep their place: promoting
    /// them would seat one person in two rooms at once, which registering refuses (<c>conflict</c>).
    /// </summary>
    /// <param name="waitingInOrder">Everyone waiting, first come first.</param>
    /// <param name="holdingOverlappingSeat">Those of them confirmed in a session that overlaps this one.</param>
    /// <param name="freeSeats">Seats to give.</param>
    public static IReadOnlyList<string> Choose(IReadOnlyList<string> waitingInOrder, IReadOnlySet<string> holdingOverlappingSeat, int freeSeats) =>
        freeSeats <= 0 ? [] : [.. waitingInOrder.Where(person => !holdingOverlappingSeat.Contains(person)).Take(freeSeats)];
}
