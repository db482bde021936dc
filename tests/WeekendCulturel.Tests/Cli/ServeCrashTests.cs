using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using WeekendCulturel.Registration.Storage;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Cli;

/// <summary>
/// The outbox's promise, kept through a real crash: serve killed outright (SIGKILL, no code of its own runs)
/// while its relay holds a committed message, then started again on the same data, sends every message,
/// the interrupted one with the same <c>Message-ID</c>, and leaves nothing pending.
/// </summary>
public sealed class ServeCrashTests
{
    private const string Session = "atelier-nouveaux-metiers";

    [Fact]
    public async Task Serve_killed_while_its_relay_takes_a_message_sends_every_committed_message_once_started_again_with_the_same_message_id()
    {
        using var copy = new ContentCopy();
        var now = ContentCopy.RegistrationOpen.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var azurite = ServeProcess.AzuriteDataOf(copy.Root);
        var mail = Path.Combine(copy.Root, ".data", "mail");
        var people = Enumerable.Range(1, 3).Select(n => $"crash.{n}.{Guid.NewGuid():N}@example.org").ToList();
        ServeProcess? killed = null;
        await using var relay = KillingMailRelay.Start(() => killed!.Signal("KILL"));
        try
        {
            await using (killed = ServeProcess.Start(copy.Root, relay.Settings, "--now", now))
            {
                await killed.WaitUntilServingAsync();

                // The first person's message goes to the relay, which keeps its greeting back: the others are
                // committed meanwhile and wait for the dispatcher, busy with the first.
                foreach (var email in people)
                {
                    using var answer = await killed.Http.PostAsJsonAsync("/api/registrations", ApiServer.Person(email, Session));
                    Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
                }

                relay.Open();
                var taken = await relay.Taken.WaitAsync(TimeSpan.FromSeconds(60));
                Assert.NotEqual("", taken);
                Assert.NotNull(await killed.WaitForExitAsync(TimeSpan.FromSeconds(10)));
                Assert.Empty(await ServeProcess.AzuritesLeftOnAsync(azurite, TimeSpan.FromSeconds(15)));

                await using var again = ServeProcess.Start(copy.Root, "--now", now);
                await again.WaitUntilServingAsync();
                using var inbox = new CaughtMails(again.Inbox ?? throw new InvalidOperationException($"serve printed no inbox:\n{again.Output}\n{again.Errors}"));
                var sent = new List<CaughtMail>();
                foreach (var email in people)
                {
                    sent.Add(await inbox.WaitForAsync(email));
                }

                Assert.Contains(taken, sent.Select(m => m.MessageId));
                var outbox = new OutboxRows(new TableClient(again.StorageConnectionString, "registrations"));
                await Eventually.TrueAsync(async () => (await outbox.PendingBeforeAsync(DateTimeOffset.MaxValue)).Count == 0);
                Assert.Equal(people.Order(), (await inbox.ListAsync()).SelectMany(m => m.To).Where(people.Contains).Order());
            }
        }
        finally
        {
            RunningProcesses.Kill(MailCatcherFixture.ProcessesOn(mail).Concat(ServeProcess.AzuritesOn(azurite)));
        }
    }
}
