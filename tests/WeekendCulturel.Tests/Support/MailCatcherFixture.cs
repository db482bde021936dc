using WeekendCulturel.Generator.Registration;
using WeekendCulturel.Registration;

namespace WeekendCulturel.Tests.Support;

/// <summary>
/// One real mail catcher (the <see cref="MailCatcher"/> that serve starts) for a test class or collection,
/// its messages in a temporary folder. Point the backend at it with <see cref="Settings"/> and read what it
/// caught with <see cref="Inbox"/>. Tests share its inbox: give each test its own recipient addresses and
/// wait for those (<see cref="CaughtMails.WaitForAsync"/>) rather than clearing the inbox or counting all of it.
/// </summary>
public sealed class MailCatcherFixture : IAsyncLifetime
{
    private readonly string _mail = Path.Combine(Path.GetTempPath(), "wc-mail", Guid.NewGuid().ToString("N"));

    public MailCatcher Catcher { get; private set; } = default!;

    public CaughtMails Inbox { get; private set; } = default!;

    /// <summary>The relay settings that send to this catcher, as <see cref="SmtpOptions"/>.</summary>
    public SmtpOptions Smtp => new() { Host = "127.0.0.1", Port = Catcher.SmtpPort, Security = SmtpSecurity.None };

    /// <summary>The same as configuration keys (<c>Registration:Smtp:*</c>), for <c>ApiServer</c>'s settings or <c>LocalRegistration</c>'s overrides.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{RegistrationOptions.Section}:Smtp:Host"] = Smtp.Host,
        [$"{RegistrationOptions.Section}:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"{RegistrationOptions.Section}:Smtp:Security"] = nameof(SmtpSecurity.None),
    };

    /// <summary>The running mail catchers (node processes of MailDev) that keep their messages in <paramref name="mailDirectory"/>.</summary>
    public static IReadOnlyList<int> ProcessesOn(string mailDirectory) => RunningProcesses.WithOption("--mail-directory", mailDirectory);

    /// <summary>Waits until no mail catcher runs on the folder; gives those still running after <paramref name="wait"/>.</summary>
    public static Task<IReadOnlyList<int>> ProcessesLeftOnAsync(string mailDirectory, TimeSpan wait) => RunningProcesses.LeftAfterAsync(() => ProcessesOn(mailDirectory), wait);

    public async Task InitializeAsync()
    {
        try
        {
            Catcher = await MailCatcher.StartAsync(_mail);
        }
        catch (TimeoutException)
        {
            // As for Azurite (AzuriteFixture): a slow start on busy cores is not what the tests check.
            Catcher = await MailCatcher.StartAsync(_mail);
        }

        Inbox = new CaughtMails(Catcher.InboxUrl);
    }

    public async Task DisposeAsync()
    {
        Inbox.Dispose();
        await Catcher.DisposeAsync();
        try
        {
            Directory.Delete(_mail, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MailCatcherCollection : ICollectionFixture<MailCatcherFixture>
{
    public const string Name = "mail catcher";
}
