using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Infra;

/// <summary>
/// infra/main.bicep compiled and linted with the Bicep CLI from NuGet: no error, no warning; and what the
/// compiled template says about access to the Function App and about the email-hash secret.
/// </summary>
public sealed class BicepTests
{
    private static readonly string Cli = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value!;
    private static readonly string Template = Path.Combine(Repository.Root, "infra", "main.bicep");

    // The template compiled once for the tests that read it: each run of the CLI costs most of a minute on
    // two busy cores.
    private static readonly Lazy<(int Code, string Output, string Error)> Build = new(() => Run("build", Template, "--stdout"));

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Cli, File.GetUnixFileMode(Cli) | UnixFileMode.UserExecute);
        }

        // In the repository, whatever folder the test runner started in.
        var start = new ProcessStartInfo(Cli) { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(120_000);
        return (process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void The_template_lints_without_error_or_warning()
    {
        var (code, output, error) = Run("lint", Template);

        Assert.True(code == 0, output + error);
        Assert.DoesNotContain("Warning", output + error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Error", output + error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_template_compiles_to_the_resources_the_deployment_needs()
    {
        var (code, output, error) = Build.Value;

        Assert.True(code == 0, error);
        Assert.DoesNotContain("Warning", error, StringComparison.OrdinalIgnoreCase);
        var resources = JsonDocument.Parse(output).RootElement.GetProperty("resources");
        var types = (resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray())
            .Select(r => r.GetProperty("type").GetString()).ToHashSet();
        foreach (var type in new[]
        {
            "Microsoft.Storage/storageAccounts", "Microsoft.Storage/storageAccounts/tableServices/tables", "Microsoft.Web/serverfarms", "Microsoft.Web/sites",
            "Microsoft.Insights/components", "Microsoft.KeyVault/vaults", "Microsoft.Resources/deploymentScripts", "Microsoft.Authorization/roleAssignments",
            "Microsoft.Web/staticSites", "Microsoft.Web/staticSites/linkedBackends", "Microsoft.Web/staticSites/customDomains",
            "Microsoft.Communication/emailServices", "Microsoft.Communication/emailServices/domains", "Microsoft.Communication/communicationServices",
        })
        {
            Assert.Contains(type, types);
        }

        Assert.Contains("\"allowBlobPublicAccess\": false", output, StringComparison.Ordinal);
        Assert.Contains("\"allowSharedKeyAccess\": false", output, StringComparison.Ordinal);
        Assert.Contains("FlexConsumption", output, StringComparison.Ordinal);
        Assert.Contains("dotnet-isolated", output, StringComparison.Ordinal);
    }

    private static JsonElement Compiled()
    {
        var (code, output, error) = Build.Value;
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray();
    }

    private static Dictionary<string, string> AppSettings(JsonElement template) =>
        Resources(template).Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites")
            .GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!);

    [Fact]
    public void The_function_app_answers_only_through_the_static_web_app()
    {
        var template = Compiled();

        // The linked backend's own provider, required for every request: a call to the Function App's
        // address that does not come through the Static Web App is answered 401 by the platform.
        var auth = Resources(template).Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config"
            && r.GetProperty("name").GetString()!.Contains("authsettingsV2", StringComparison.Ordinal)).GetProperty("properties");
        Assert.True(auth.GetProperty("platform").GetProperty("enabled").GetBoolean());
        Assert.True(auth.GetProperty("globalValidation").GetProperty("requireAuthentication").GetBoolean());
        Assert.Equal("Return401", auth.GetProperty("globalValidation").GetProperty("unauthenticatedClientAction").GetString());
        var provider = auth.GetProperty("identityProviders").GetProperty("azureStaticWebApps");
        Assert.True(provider.GetProperty("enabled").GetBoolean());
        Assert.Contains("defaultHostname", provider.GetProperty("registration").GetProperty("clientId").GetString(), StringComparison.Ordinal);

        // Through that path, the client's address is the one the two platform hops wrote into X-Forwarded-For.
        var settings = AppSettings(template);
        Assert.Equal("2", settings["Registration__TrustedProxies"]);
        Assert.Contains("parameters('siteDomain')", settings["Registration__SiteUrl"], StringComparison.Ordinal);
        Assert.StartsWith("[format('https://", settings["Registration__SiteUrl"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_email_hash_key_is_never_a_parameter_nor_written_by_the_template()
    {
        var template = Compiled();

        Assert.False(template.GetProperty("parameters").TryGetProperty("emailHashKey", out _), "a deployment given a new value would replace the secret");
        Assert.DoesNotContain(Resources(template), r => r.GetProperty("type").GetString() == "Microsoft.KeyVault/vaults/secrets"
            && r.GetProperty("properties").TryGetProperty("value", out _));
        // By name, without a version: the app reads whichever value the vault holds, and the template never sets one.
        var reference = AppSettings(template)["Registration__EmailHashKey"];
        Assert.Contains("@Microsoft.KeyVault(VaultName=", reference, StringComparison.Ordinal);
        Assert.Contains(";SecretName=", reference, StringComparison.Ordinal);
        Assert.DoesNotContain("SecretUri", reference, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("registration-email-hash-key", template.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void E_mail_goes_through_azure_communication_services_with_its_password_only_a_key_vault_reference()
    {
        var template = Compiled();
        var resources = Resources(template).ToList();
        JsonElement Of(string type) => resources.Single(r => r.GetProperty("type").GetString() == type);

        // An Email Communication Service with its domain (Azure's unless one is given), linked to a
        // Communication Service, the data kept in Europe and no open or click tracking.
        var emailService = Of("Microsoft.Communication/emailServices");
        Assert.Equal("Europe", emailService.GetProperty("properties").GetProperty("dataLocation").GetString());
        var domain = Of("Microsoft.Communication/emailServices/domains").GetProperty("properties");
        Assert.Contains("AzureManaged", domain.GetProperty("domainManagement").GetString(), StringComparison.Ordinal);
        Assert.Equal("Disabled", domain.GetProperty("userEngagementTracking").GetString());
        var communication = Of("Microsoft.Communication/communicationServices").GetProperty("properties");
        Assert.Equal("Europe", communication.GetProperty("dataLocation").GetString());
        Assert.Contains("Microsoft.Communication/emailServices/domains", communication.GetProperty("linkedDomains").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("smtpApplicationId", Of("Microsoft.Communication/communicationServices/smtpUsernames").GetProperty("properties").GetProperty("entraApplicationId").GetString(), StringComparison.Ordinal);

        // The backend's relay settings point at ACS's SMTP relay, sending from DoNotReply@ the domain.
        var settings = AppSettings(template);
        Assert.Equal("smtp.azurecomm.net", settings["Registration__Smtp__Host"]);
        Assert.Equal("587", settings["Registration__Smtp__Port"]);
        Assert.Equal("StartTls", settings["Registration__Smtp__Security"]);
        Assert.Contains("mailFromSenderDomain", settings["Registration__Smtp__Username"], StringComparison.Ordinal);
        Assert.Contains("DoNotReply@", settings["Registration__MailFrom"], StringComparison.Ordinal);
        Assert.Contains("mailFromSenderDomain", settings["Registration__MailFrom"], StringComparison.Ordinal);

        // The password is the vault's secret by name, which the template never writes nor takes as a parameter.
        var password = settings["Registration__Smtp__Password"];
        Assert.Contains("@Microsoft.KeyVault(VaultName=", password, StringComparison.Ordinal);
        Assert.Contains(";SecretName=", password, StringComparison.Ordinal);
        Assert.Contains("registration-smtp-password", template.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(resources, r => r.GetProperty("type").GetString() == "Microsoft.KeyVault/vaults/secrets");
        foreach (var parameter in template.GetProperty("parameters").EnumerateObject())
        {
            Assert.DoesNotContain("password", parameter.Name, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("secret", parameter.Name, StringComparison.OrdinalIgnoreCase);
            Assert.NotEqual("securestring", parameter.Value.GetProperty("type").GetString(), StringComparer.OrdinalIgnoreCase);
            Assert.DoesNotContain(parameter.Name, password, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, bool, bool> Vaults => new()
    {
        // what the vault answers, whether the script must succeed, whether it must write a secret
        { "exists", true, false },
        { "absent", true, true },
        { "forbidden", false, false },
    };

    [Theory]
    [MemberData(nameof(Vaults))]
    public async Task The_email_hash_key_script_creates_the_secret_only_when_the_vault_has_none(string vault, bool succeeds, bool writes)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Fail("the deployment script runs in bash, as in its Linux container");
            return;
        }

        var template = Compiled();
        var script = Resources(template).Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deploymentScripts")
            .GetProperty("properties").GetProperty("scriptContent").GetString()!;
        // A file loaded with loadTextContent becomes a template variable.
        if (System.Text.RegularExpressions.Regex.Match(script, @"^\[variables\('(.+)'\)\]$") is { Success: true } variable)
        {
            script = template.GetProperty("variables").GetProperty(variable.Groups[1].Value).GetString()!;
        }

        var folder = Directory.CreateTempSubdirectory("fake-az-");
        try
        {
            // The Azure CLI as the deployment script's container would run it, answering for a vault in the given state.
            var log = Path.Combine(folder.FullName, "calls.log");
            var az = Path.Combine(folder.FullName, "az");
            File.WriteAllText(az, """
                #!/bin/bash
                printf '%s\n' "$*" >> "$FAKE_AZ_LOG"
                case "$1 $2 $3" in
                  "keyvault secret show")
                    case "$FAKE_VAULT" in
                      exists) echo "https://kv.vault.azure.net/secrets/registration-email-hash-key/0123"; exit 0 ;;
                      absent) echo "ERROR: (SecretNotFound) A secret with (name/id) registration-email-hash-key was not found in this key vault." >&2; exit 3 ;;
                      *) echo "ERROR: (Forbidden) Caller is not authorized to perform action on resource." >&2; exit 1 ;;
                    esac ;;
                  "keyvault secret set") exit 0 ;;
                esac
                echo "unexpected: $*" >&2
                exit 2
                """.Replace("\r", "", StringComparison.Ordinal));
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var scriptFile = Path.Combine(folder.FullName, "script.sh");
            File.WriteAllText(scriptFile, script);

            var start = new ProcessStartInfo("bash", [scriptFile]) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["PATH"] = folder.FullName + ":" + Environment.GetEnvironmentVariable("PATH");
            start.Environment["FAKE_AZ_LOG"] = log;
            start.Environment["FAKE_VAULT"] = vault;
            start.Environment["VAULT_NAME"] = "kv-wc-prod-abcdef";
            start.Environment["SECRET_NAME"] = "registration-email-hash-key";
            start.Environment["RETRY_SECONDS"] = "0";
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            Assert.True(succeeds == (process.ExitCode == 0), $"{vault}: exit {process.ExitCode}, {await error}");
            var sets = File.Exists(log) ? File.ReadAllLines(log).Where(l => l.StartsWith("keyvault secret set", StringComparison.Ordinal)).ToList() : [];
            Assert.Equal(writes ? 1 : 0, sets.Count);
            if (writes)
            {
                var value = System.Text.RegularExpressions.Regex.Match(sets[0], "--value (\\S+)").Groups[1].Value;
                Assert.True(value.Length >= 32, $"a secret of {value.Length} characters");
                Assert.Contains("--name registration-email-hash-key", sets[0], StringComparison.Ordinal);
                Assert.Contains("--vault-name kv-wc-prod-abcdef", sets[0], StringComparison.Ordinal);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
