using System.Text.Json;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using WeekendCulturel.Registration.Mail;
using WeekendCulturel.Registration.Storage;

namespace WeekendCulturel.Functions;

/// <summary>
/// The nudge on Azure: a message on the queue <see cref="Name"/> of the Functions app's own storage account,
/// which starts <see cref="MailFunctions.Dispatch"/>. A request does not wait for the e-mail to go; an instance
/// that stops after answering loses nothing (the message waits in the queue, the rows in the outbox).
/// </summary>
public sealed class QueueNudge(QueueClient queue) : IMessageNudge
{
    public const string Name = "mail-nudges";

    /// <summary>The queue from the host's own storage setting: a connection string, or the account name with the app's identity.</summary>
    public static QueueClient QueueFrom(IConfiguration configuration)
    {
        // Base64, as the queue trigger reads by default.
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return configuration["AzureWebJobsStorage"] is { Length: > 0 } connection
            ? new QueueClient(connection, Name, options)
            : new QueueClient(new Uri($"https://{configuration["AzureWebJobsStorage:accountName"]}.queue.core.windows.net/{Name}"), new DefaultAzureCredential(), options);
    }

    public async Task NudgeAsync(IReadOnlyList<OutboxAddress> messages, CancellationToken cancellation = default)
    {
        try
        {
            await queue.SendMessageAsync(JsonSerializer.Serialize(messages), cancellation);
        }
        catch (Azure.RequestFailedException)
        {
            // The rows are committed: the sweep sends them within a few minutes. The visitor's answer must not fail for it.
        }
    }
}
