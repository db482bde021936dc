using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WeekendCulturel.Registration.Hosting;

/// <summary>
/// Refuses to start the host when <see cref="RegistrationOptions.Problems"/> finds anything: each problem is
/// logged on its own line, then the start fails with all of them, before any request is taken.
/// </summary>
public sealed class SettingsCheck(RegistrationOptions options, ILogger<SettingsCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = options.Problems();
        foreach (var problem in problems)
        {
            logger.LogCritical("registration settings refused: {Problem}", problem);
        }

        return problems.Count == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException("The registration backend refuses to start: " + string.Join("; ", problems));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
