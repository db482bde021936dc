namespace WeekendCulturel.Generator.Registration;

/// <summary>
/// A clock that starts at a chosen moment and then runs at the normal pace: <c>serve --now T</c> gives the
/// API the same "now" as the pages, and lets time pass from there.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly DateTimeOffset _startedAt = System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + (System.GetUtcNow() - _startedAt);

    public override TimeZoneInfo LocalTimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
}
