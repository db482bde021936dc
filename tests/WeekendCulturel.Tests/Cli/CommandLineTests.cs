using System.Diagnostics;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Cli;

/// <summary>The generator run as a user runs it: a process, its exit code and what it prints.</summary>
public sealed class CommandLineTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "weekend-culturel.dll");

    private static (int Code, string Out, string Error) Run(string workingDirectory, params string[] args) =>
        Run(workingDirectory, new Dictionary<string, string>(), args);

    private static (int Code, string Out, string Error) Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000);
        return (process.ExitCode, output.Result, error.Result);
    }

    [Theory]
    [InlineData("publish")]
    [InlineData("build", "--colour")]
    [InlineData("build", "--port", "eighty")]
    [InlineData("build", "--now", "tomorrow")]
    [InlineData("build", "--content")]
    public void Wrong_usage_exits_with_2_and_says_why(params string[] args)
    {
        var (code, _, error) = Run(Repository.Root, args);

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_of_the_real_content_exits_with_0()
    {
        var (code, output, _) = Run(Repository.Root, "check", "--now", "2025-02-01T10:00:00+01:00");

        Assert.Equal(0, code);
        Assert.Matches(@"check: \d+ pages, 0 warning\(s\), \d+ ms", output);
    }

    [Fact]
    public void Content_errors_exit_with_1_and_are_printed_as_path_line_column()
    {
        using var copy = new ContentCopy();
        copy.Replace("sessions/studio-rfi.md", "kind: studio", "kind: radio");

        var (code, output, error) = Run(copy.Root, "build", "--quiet");

        Assert.Equal(1, code);
        Assert.Matches(@"^content/sessions/studio-rfi\.md:\d+:7: error: 'kind' must be one of", error);
        Assert.Contains("nothing was written", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(copy.Output));
    }

    [Fact]
    public void Serve_whose_storage_cannot_start_exits_with_1_and_says_why_on_one_line()
    {
        using var copy = new ContentCopy();

        // node refuses an option it does not know before it runs anything, so the Azurite that serve starts
        // stops at once, as it would on a machine whose node is broken.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (code, _, error) = Run(copy.Root, new Dictionary<string, string> { ["NODE_OPTIONS"] = "--wc-no-such-option" }, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, code);
        Assert.StartsWith("serve: error: the registration storage could not start: Azurite stopped at start", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
