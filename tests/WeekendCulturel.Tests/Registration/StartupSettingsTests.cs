using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WeekendCulturel.Registration.Hosting;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// Settings that would silently do harm stop the backend at start: a secret that is still an unresolved
/// Key Vault reference (it would become the key itself), a retention of zero days (everything purged).
/// </summary>
public sealed class StartupSettingsTests
{
    private const string Reference = "@Microsoft.KeyVault(SecretUri=https://kv-wc-prod-abcdef.vault.azure.net/secrets/registration-email-hash-key/)";

    /// <summary>Starts a host with the registration services and these settings; gives what stopped it, if anything.</summary>
    private static async Task<Exception?> StartAsync(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Registration:StorageConnectionString"] = "UseDevelopmentStorage=true",
            ["Registration:EmailHashKey"] = "test-email-hash-key-0123456789abcdefghij",
            ["Registration:AdminKey"] = "test-admin-key-0123456789abcdefghijklmnop",
        };
        foreach (var (key, value) in settings)
        {
            values["Registration:" + key] = value;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddRegistration(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
            await host.StopAsync();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [Fact]
    public async Task Resolved_settings_start()
    {
        Assert.Null(await StartAsync());
    }

    [Theory]
    [InlineData("EmailHashKey")]
    [InlineData("AdminKey")]
    public async Task A_secret_still_holding_a_key_vault_reference_refuses_to_start(string setting)
    {
        var refused = await StartAsync((setting, Reference));

        Assert.NotNull(refused);
        Assert.Contains("Registration:" + setting, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Key Vault reference", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-30")]
    public async Task A_retention_of_zero_days_or_fewer_refuses_to_start(string days)
    {
        var refused = await StartAsync(("RetentionDays", days));

        Assert.NotNull(refused);
        Assert.Contains("Registration:RetentionDays", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_email_hash_key_refuses_to_start_rather_than_at_the_first_registration()
    {
        var refused = await StartAsync(("EmailHashKey", "too-short"));

        Assert.NotNull(refused);
        Assert.Contains("Registration:EmailHashKey", refused.Message, StringComparison.Ordinal);
    }
}
