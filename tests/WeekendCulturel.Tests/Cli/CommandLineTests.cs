using System.Diagnostics;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Cli;

/// <summary>The generator run as a user runs it: a process, its exit code and what it prints.</summary>
public sealed class CommandLineTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "weekend-culturel.dll");

    private static (int Code, string Out, string Error) Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
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
}
