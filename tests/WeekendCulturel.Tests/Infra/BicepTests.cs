using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Infra;

/// <summary>infra/main.bicep compiled and linted with the Bicep CLI from NuGet: no error, no warning.</summary>
public sealed class BicepTests
{
    private static readonly string Cli = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value!;
    private static readonly string Template = Path.Combine(Repository.Root, "infra", "main.bicep");

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Cli, File.GetUnixFileMode(Cli) | UnixFileMode.UserExecute);
        }

        // In the repository, not in whatever folder a test running beside this one made current.
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
        var (code, output, error) = Run("build", Template, "--stdout");

        Assert.True(code == 0, error);
        Assert.DoesNotContain("Warning", error, StringComparison.OrdinalIgnoreCase);
        var resources = JsonDocument.Parse(output).RootElement.GetProperty("resources");
        var types = (resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray())
            .Select(r => r.GetProperty("type").GetString()).ToHashSet();
        foreach (var type in new[]
        {
            "Microsoft.Storage/storageAccounts", "Microsoft.Storage/storageAccounts/tableServices/tables", "Microsoft.Web/serverfarms", "Microsoft.Web/sites",
            "Microsoft.Insights/components", "Microsoft.KeyVault/vaults", "Microsoft.KeyVault/vaults/secrets", "Microsoft.Authorization/roleAssignments",
            "Microsoft.Web/staticSites", "Microsoft.Web/staticSites/linkedBackends", "Microsoft.Web/staticSites/customDomains",
        })
        {
            Assert.Contains(type, types);
        }

        Assert.Contains("\"allowBlobPublicAccess\": false", output, StringComparison.Ordinal);
        Assert.Contains("\"allowSharedKeyAccess\": false", output, StringComparison.Ordinal);
        Assert.Contains("FlexConsumption", output, StringComparison.Ordinal);
        Assert.Contains("dotnet-isolated", output, StringComparison.Ordinal);
    }
}
