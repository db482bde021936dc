using WeekendCulturel.Registration.Mail;
using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Registration.Domain;

/// <summary>
/// What happens with time, whether or not anybody calls the API: holds and offers expire (and their seats are
/// offered on), reminders go out before sessions, pending newsletter addresses are deleted after a week, and
/// messages that no nudge sent are sent. Run by a timer on Azure and by a background service in serve.
/// </summary>
public sealed class Sweeps(RegistrationStore store, RegistrationService service, MailDispatcher dispatcher, TimeProvider clock)
{
    /// <summary>One pass over every session; returns how many e-mails went. <paramref name="starting"/>: see <see cref="MailDispatcher.SweepAsync"/>.</summary>
    public async Task<int> RunAsync(bool starting = false, CancellationToken cancellation = default)
    {
        var now = clock.GetUtcNow();
        var sessions = await service.SessionsAsync(cancellation);
        var owed = new List<OutboxEntity>();
        foreach (var session in sessions.Values)
        {
            // One counter read when nothing is due (CounterEntity.NextExpiry).
            owed.AddRange(await store.Seats.ReleaseExpiredAsync(session, session.OverlappingIn(sessions.Values), now, cancellation));
            if (service.Terms.ReminderDue(now, session))
            {
                owed.AddRange(await store.Seats.RemindAsync(session.Id, now, cancellation));
            }
        }

        await store.PersonalData.DeletePendingSubscriptionsAsync(now.AddDays(-NewsletterEntity.PendingDays), cancellation);
        var sent = await dispatcher.DispatchAsync([.. owed.Select(OutboxRows.Address), .. store.Outbox.TakeOwed()], cancellation);
        return sent + await dispatcher.SweepAsync(starting, cancellation);
    }
}
