using WeekendCulturel.Generator.Registration;

namespace WeekendCulturel.Tests.Support;

/// <summary>One real Azurite for the registration tests, started in a temporary folder and stopped after them.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "wc-azurite", Guid.NewGuid().ToString("N"));

    public AzuriteServer Server { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        try
        {
            Server = await AzuriteServer.StartAsync(_data);
        }
        catch (TimeoutException)
        {
            // On two cores busy with the builds and servers of the tests running beside these, Node can take
            // longer than the 30 s serve allows to start the emulator. Its start is not what these tests
            // check (AzuriteServerTests does), so it gets a second chance.
            Server = await AzuriteServer.StartAsync(_data);
        }
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Azurite may still hold a file for a moment; a temporary folder left behind is harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}

/// <summary>
/// For the tests whose subject is timing (storage stopped in the middle of a run of requests): an Azurite of
/// their own, and no other test class running beside them, so that a build next door does not decide when
/// things happen. xUnit runs such a collection after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AzuriteAloneCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite, alone";
}
