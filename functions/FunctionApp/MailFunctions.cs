using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Mail;
using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Functions;

/// <summary>
/// The e-mails on Azure: a queue trigger sends what each nudge names as soon as it is committed, and a timer
/// runs the sweeps every minute (expiries and offers, reminders, pending newsletter addresses, and any
/// message a nudge missed). Thin adapters over <see cref="MailDispatcher"/> and <see cref="Sweeps"/>, which serve runs as background services.
/// </summary>
public sealed class MailFunctions(MailDispatcher dispatcher, Sweeps sweeps, ILogger<MailFunctions> logger)
{
    [Function("DispatchMail")]
    public async Task Dispatch([QueueTrigger(QueueNudge.Name)] string nudge, CancellationToken cancellation)
    {
        var addresses = JsonSerializer.Deserialize<List<OutboxAddress>>(nudge) ?? [];
        var sent = await dispatcher.DispatchAsync(addresses, cancellation);
        logger.LogInformation("mail: {Sent} e-mails sent for {Rows} messages", sent, addresses.Count);
    }

    [Function("Sweep")]
    public async Task Sweep([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken cancellation)
    {
        var sent = await sweeps.RunAsync(cancellation: cancellation);
        if (sent > 0)
        {
            logger.LogInformation("sweep: {Sent} e-mails sent", sent);
        }
    }
}
