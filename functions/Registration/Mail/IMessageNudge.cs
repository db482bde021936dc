using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Registration.Mail;

/// <summary>
/// Tells the dispatcher that messages were committed, once the work that owed them is done: in serve, a
/// background service in the same process; on Azure, a queue message that starts the dispatch function.
/// Whatever a nudge misses (the process died first) the timer's sweep sends.
/// </summary>
public interface IMessageNudge
{
    Task NudgeAsync(IReadOnlyList<OutboxAddress> messages, CancellationToken cancellation = default);
}
