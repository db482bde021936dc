using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace WeekendCulturel.Tests.Support;

/// <summary>
/// The real content built once per test run into a temporary folder, shared by the test classes that only
/// read the output. Each class takes it as a class fixture, so the classes run in parallel (a collection
/// fixture would run them one after the other, and xUnit 2 has no assembly fixture); every instance reads
/// the same build, made by whichever class asks first. The folder goes when the test process ends.
/// </summary>
public sealed class BuiltSite
{
    private static readonly Lazy<Build> Shared = new(() => new Build(), LazyThreadSafetyMode.ExecutionAndPublication);

    // Parsed pages, per class: one class's tests run one at a time, and a parsed document is not shared
    // across threads.
    private readonly Dictionary<string, IHtmlDocument> _documents = new(StringComparer.Ordinal);

    public Generator.BuildResult Result => Shared.Value.Result;

    public string Output => Shared.Value.Copy.Output;

    public IEnumerable<string> Files(string pattern) =>
        Directory.GetFiles(Output, pattern, SearchOption.AllDirectories).Select(f => "/" + Path.GetRelativePath(Output, f).Replace('\\', '/')).Order(StringComparer.Ordinal);

    public IEnumerable<string> HtmlPages => Files("*.html");

    public string Read(string sitePath) => File.ReadAllText(FileOf(sitePath) ?? throw new FileNotFoundException(sitePath));

    /// <summary>The file a site address is served from, or null: <c>/x/</c> is <c>x/index.html</c>.</summary>
    public string? FileOf(string sitePath)
    {
        var relative = sitePath.TrimStart('/');
        if (relative.Length == 0 || relative.EndsWith('/'))
        {
            relative += "index.html";
        }

        var file = Path.Combine(Output, relative);
        return File.Exists(file) ? file : null;
    }

    public IHtmlDocument Document(string sitePath)
    {
        if (!_documents.TryGetValue(sitePath, out var document))
        {
            document = new HtmlParser().ParseDocument(Read(sitePath));
            _documents[sitePath] = document;
        }

        return document;
    }

    private sealed class Build
    {
        public Build()
        {
            Result = Copy.Build(ContentCopy.RegistrationOpen);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Copy.Dispose();
            if (!Result.Succeeded)
            {
                throw new InvalidOperationException("the real content does not build:\n" + string.Join('\n', Result.Diagnostics));
            }
        }

        public ContentCopy Copy { get; } = new();

        public Generator.BuildResult Result { get; }
    }
}
