using WeekendCulturel.Generator.Registration;

namespace WeekendCulturel.Tests.Support;

/// <summary>One real Azurite for the registration tests, started in a temporary folder and stopped after them.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "wc-azurite", Guid.NewGuid().ToString("N"));

    public AzuriteServer Server { get; private set; } = default!;

    public async Task InitializeAsync() => Server = await AzuriteServer.StartAsync(_data);

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
