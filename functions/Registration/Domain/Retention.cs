using System.Globalization;
using WeekendCulturel.Contract;
using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Registration.Domain;

/// <summary>
/// Deletes personal data (registrations, bookings, newsletter subscriptions) once the retention period
/// after the event's last day is over. Seat counters stay, for the record of attendance.
/// </summary>
public sealed class Retention(RegistrationStore store, RegistrationOptions options, TimeProvider clock)
{
    /// <summary>The moment personal data goes, or null when no sync has told the event's last day yet.</summary>
    public async Task<DateTimeOffset?> DueAsync(CancellationToken cancellation = default)
    {
        var lastDay = await store.Catalogue.SiteValueAsync(CatalogueSync.LastDayRow, cancellation);
        if (lastDay is null)
        {
            return null;
        }

        var day = DateOnly.ParseExact(lastDay, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(options.RetentionDays);
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, EventTime.Zone.GetUtcOffset(midnight));
    }

    /// <summary>Purges when due; returns how many entities were deleted (0 when not due).</summary>
    public async Task<int> PurgeIfDueAsync(CancellationToken cancellation = default)
    {
        var due = await DueAsync(cancellation);
        return due is { } moment && clock.GetUtcNow() >= moment ? await store.PersonalData.PurgeAsync(cancellation) : 0;
    }
}
