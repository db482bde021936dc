using System.Text.RegularExpressions;
using WeekendCulturel.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace WeekendCulturel.Tests.Infra;

/// <summary>The GitHub Actions workflow parses, pins every action, tests pull requests and deploys main.</summary>
public sealed partial class WorkflowTests
{
    private static YamlMappingNode Workflow()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Repository.Root, ".github", "workflows", "site.yml"))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode workflow, string job) =>
        ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)workflow["jobs"])[job])["steps"]).Children.Cast<YamlMappingNode>();

    [Fact]
    public void Every_step_that_uses_an_action_pins_its_exact_version()
    {
        var workflow = Workflow();
        var uses = ((YamlMappingNode)workflow["jobs"]).Children.Keys.Cast<YamlScalarNode>()
            .SelectMany(job => Steps(workflow, job.Value!))
            .Where(s => s.Children.ContainsKey("uses"))
            .Select(s => ((YamlScalarNode)s["uses"]).Value!)
            .ToList();

        Assert.NotEmpty(uses);
        Assert.All(uses, u => Assert.Matches(Pinned(), u));
    }

    [Fact]
    public void Pull_requests_run_the_test_command_and_main_deploys_then_syncs()
    {
        var workflow = Workflow();
        var on = (YamlMappingNode)workflow["on"];
        Assert.True(on.Children.ContainsKey("pull_request"));
        Assert.Contains("main", ((YamlSequenceNode)((YamlMappingNode)on["push"])["branches"]).Children.Select(n => ((YamlScalarNode)n).Value));

        var testRuns = Steps(workflow, "test").Where(s => s.Children.ContainsKey("run")).Select(s => ((YamlScalarNode)s["run"]).Value).ToList();
        Assert.Contains("bash .ci/run", testRuns);

        var deploy = Steps(workflow, "deploy").Select(s => s.Children.ContainsKey("run") ? ((YamlScalarNode)s["run"]).Value! : ((YamlScalarNode)s["uses"]).Value!).ToList();
        var build = deploy.FindIndex(s => s.Contains(" build --base-url", StringComparison.Ordinal));
        var functions = deploy.FindIndex(s => s.StartsWith("Azure/functions-action@", StringComparison.Ordinal));
        var site = deploy.FindIndex(s => s.Contains("static-web-apps-cli", StringComparison.Ordinal));
        var sync = deploy.FindIndex(s => s.Contains("registrations sync", StringComparison.Ordinal));
        Assert.True(build >= 0 && functions > build && site > build && sync > Math.Max(functions, site), string.Join(" | ", deploy));
        Assert.Equal("test", ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)workflow["jobs"])["deploy"])["needs"]).Value);
    }

    // owner/action@vMAJOR.MINOR.PATCH, or a full commit SHA.
    [GeneratedRegex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+@(v\\d+\\.\\d+\\.\\d+|[0-9a-f]{40})$")]
    private static partial Regex Pinned();
}
