using WeekendCulturel.Theme.Model;

namespace WeekendCulturel.Tests.Support;

/// <summary>A clock that stands still at a chosen moment until a test moves it: deadlines pass when the test says.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => SessionState.Paris;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset moment) => _now = moment;
}
