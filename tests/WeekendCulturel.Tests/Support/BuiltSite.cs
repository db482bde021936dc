using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace WeekendCulturel.Tests.Support;

/// <summary>The real content built once into a temporary folder, shared by the tests that read the output.</summary>
public sealed class BuiltSite : IDisposable
{
    private readonly ContentCopy _copy = new();
    private readonly Dictionary<string, IHtmlDocument> _documents = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public BuiltSite()
    {
        Result = _copy.Build(ContentCopy.RegistrationOpen);
        if (!Result.Succeeded)
        {
            throw new InvalidOperationException("the real content does not build:\n" + string.Join('\n', Result.Diagnostics));
        }
    }

    public Generator.BuildResult Result { get; }

    public string Output => _copy.Output;

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
        lock (_gate)
        {
            if (!_documents.TryGetValue(sitePath, out var document))
            {
                document = new HtmlParser().ParseDocument(Read(sitePath));
                _documents[sitePath] = document;
            }

            return document;
        }
    }

    public void Dispose() => _copy.Dispose();
}

[CollectionDefinition(Name)]
public sealed class BuiltSiteCollection : ICollectionFixture<BuiltSite>
{
    public const string Name = "built site";
}
