using System.Diagnostics;
using System.Net;
using WeekendCulturel.Generator.Registration;
using WeekendCulturel.Registration;
using WeekendCulturel.Registration.Mail;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Cli;

/// <summary>
/// serve's mail catcher: started with it, its inbox printed beside the admin key, the backend's relay pointed
/// at it, and ended with serve however serve ends; without it, one warning line and serve runs on.
/// </summary>
public sealed class ServeMailCatcherTests
{
    [Fact]
    public async Task Serve_prints_an_inbox_that_answers_and_its_catcher_ends_with_serve_whether_killed_or_stopped()
    {
        using var copy = new ContentCopy();
        var mail = Path.Combine(copy.Root, ".data", "mail");
        var azurite = ServeProcess.AzuriteDataOf(copy.Root);
        try
        {
            await using (var killed = ServeProcess.Start(copy.Root))
            {
                await killed.WaitUntilServingAsync();
                var inbox = InboxIn(killed);
                await AssertInboxAnswersAsync(inbox);
                Assert.Single(MailCatcherFixture.ProcessesOn(mail));

                // Killed outright, serve runs no code at all: its catcher must notice by itself.
                killed.Signal("KILL");
                await killed.WaitForExitAsync(TimeSpan.FromSeconds(10));
                Assert.Empty(await MailCatcherFixture.ProcessesLeftOnAsync(mail, TimeSpan.FromSeconds(15)));
                Assert.Empty(await ServeProcess.AzuritesLeftOnAsync(azurite, TimeSpan.FromSeconds(15)));
            }

            await using var serve = ServeProcess.Start(copy.Root);
            await serve.WaitUntilServingAsync();
            await AssertInboxAnswersAsync(InboxIn(serve));
            Assert.DoesNotContain("warning", serve.Errors, StringComparison.Ordinal);

            serve.Signal("INT");
            Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Empty(await MailCatcherFixture.ProcessesLeftOnAsync(mail, TimeSpan.FromSeconds(15)));
        }
        finally
        {
            RunningProcesses.Kill(MailCatcherFixture.ProcessesOn(mail).Concat(ServeProcess.AzuritesOn(azurite)));
        }
    }

    [Fact]
    public async Task Without_node_for_the_catcher_serve_says_so_in_one_line_and_still_serves()
    {
        // Storage from an Azurite started here, and a PATH where serve finds dotnet but no node (nor npm).
        var data = Path.Combine(Path.GetTempPath(), "wc-azurite", Guid.NewGuid().ToString("N"));
        await using var azurite = await AzuriteServer.StartAsync(data);
        using var copy = new ContentCopy();
        var bin = Path.Combine(copy.Root, "bin-without-node");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), DotnetHost());
        var mail = Path.Combine(copy.Root, ".data", "mail");
        try
        {
            await using var serve = ServeProcess.Start(copy.Root, new Dictionary<string, string>
            {
                ["PATH"] = bin,
                ["Registration__StorageConnectionString"] = azurite.ConnectionString,
            });
            await serve.WaitUntilServingAsync();

            var warning = Assert.Single(serve.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("serve: warning: no mail catcher: ", warning, StringComparison.Ordinal);
            Assert.EndsWith("; e-mails stay pending", warning, StringComparison.Ordinal);
            Assert.Contains("node", warning, StringComparison.Ordinal);
            Assert.DoesNotContain("e-mails sent", serve.Output, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await serve.Http.GetAsync("/api/sessions")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await serve.Http.GetAsync("/programme/atelier-compar-ia/")).StatusCode);
            Assert.Empty(MailCatcherFixture.ProcessesOn(mail));

            serve.Signal("INT");
            Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            RunningProcesses.Kill(MailCatcherFixture.ProcessesOn(mail));
        }
    }

    [Fact]
    public async Task The_backend_of_serve_sends_to_its_catcher_unless_the_environment_names_a_relay()
    {
        var data = Path.Combine(Path.GetTempPath(), "wc-local", Guid.NewGuid().ToString("N"));
        try
        {
            await using (var registration = await LocalRegistration.StartAsync(null, TimeProvider.System, data, mailCatcher: true))
            {
                Assert.Null(registration.MailCatcherProblem);
                var inbox = Assert.IsType<Uri>(registration.InboxUrl);
                var options = Options(registration);
                Assert.Equal("127.0.0.1", options.Smtp.Host);
                Assert.Equal(SmtpSecurity.None, options.Smtp.Security);

                var to = $"camille.{Guid.NewGuid():N}@example.org";
                var sender = new SmtpMailSender(options, TimeProvider.System);
                Assert.True(sender.CanSend);
                await sender.SendAsync(new OutgoingMail($"{Guid.NewGuid():N}@weekend.example.org", to, "fr", new RenderedMail("Bienvenue\u00a0!", "<p>Bonjour</p>", "Bonjour"), []), CancellationToken.None);
                using var caught = new CaughtMails(inbox);
                Assert.Equal("Bienvenue\u00a0!", (await caught.WaitForAsync(to)).Subject);
                Assert.Single(MailCatcherFixture.ProcessesOn(Path.Combine(data, "mail")));
            }

            Assert.Empty(await MailCatcherFixture.ProcessesLeftOnAsync(Path.Combine(data, "mail"), TimeSpan.FromSeconds(15)));

            // A relay named in the settings wins, and then no catcher is started.
            await using (var relayed = await LocalRegistration.StartAsync(null, TimeProvider.System, data, new Dictionary<string, string?> { ["Registration:Smtp:Host"] = "smtp.example.org" }, mailCatcher: true))
            {
                Assert.Null(relayed.InboxUrl);
                Assert.Equal("smtp.example.org:587", relayed.MailRelay);
                Assert.Equal(SmtpSecurity.StartTls, Options(relayed).Smtp.Security);
                Assert.Empty(MailCatcherFixture.ProcessesOn(Path.Combine(data, "mail")));
            }

            // Not asked for (registrations sync), none either.
            await using (var sync = await LocalRegistration.StartAsync(null, TimeProvider.System, data))
            {
                Assert.Null(sync.InboxUrl);
                Assert.Null(sync.MailRelay);
                Assert.Empty(MailCatcherFixture.ProcessesOn(Path.Combine(data, "mail")));
            }
        }
        finally
        {
            RunningProcesses.Kill(MailCatcherFixture.ProcessesOn(Path.Combine(data, "mail")));
        }
    }

    private static RegistrationOptions Options(LocalRegistration registration)
    {
        var options = new RegistrationOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(registration.Configuration.GetSection(RegistrationOptions.Section), options);
        return options;
    }

    /// <summary>The inbox address serve printed; fails with what it printed if there is none.</summary>
    private static Uri InboxIn(ServeProcess serve)
    {
        var inbox = serve.Inbox;
        Assert.True(inbox is not null, $"serve printed no inbox:\n{serve.Output}\n{serve.Errors}");
        var admin = serve.Output.Split('\n').ToList();
        Assert.True(
            Math.Abs(admin.FindIndex(l => l.Contains("x-functions-key", StringComparison.Ordinal)) - admin.FindIndex(l => l.StartsWith("e-mails sent: ", StringComparison.Ordinal))) == 1,
            $"the inbox is not printed beside the admin key:\n{serve.Output}");
        return inbox;
    }

    private static async Task AssertInboxAnswersAsync(Uri inbox)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var page = new HttpRequestMessage(HttpMethod.Get, inbox);
        page.Headers.Accept.ParseAdd("text/html");
        using var answer = await http.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("<html", await answer.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        using var caught = new CaughtMails(inbox);
        await caught.ListAsync();
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, "dotnet")).First(File.Exists);
}
