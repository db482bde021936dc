using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Generator.Registration;

/// <summary>
/// A clock that starts at a chosen moment and then runs at the normal pace: <c>serve --now T</c> gives its
/// builds and the API the same "now", and lets time pass from there as it would on that day.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly DateTimeOffset _startedAt = System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + (System.GetUtcNow() - _startedAt);

    public override TimeZoneInfo LocalTimeZone => SessionState.Paris;

    /// <summary>The clock of a command: from <c>--now</c> when it is given, else the machine's.</summary>
    public static TimeProvider For(DateTimeOffset? now) => now is { } start ? new ShiftedClock(start) : TimeProvider.System;
}
