using Microsoft.AspNetCore.Components;

namespace WeekendCulturel.Generator.Rendering;

/// <summary>One HTML page to render: its address, the theme component and the component's parameters.</summary>
public sealed record PlannedPage(string Path, Type Component, PageParameters Parameters)
{
    /// <summary>
    /// The page's JSON-LD, made only when the page is rendered: ten thousand sessions' worth of it would
    /// otherwise wait in memory for the whole render.
    /// </summary>
    public Func<string>? JsonLd { get; init; }

    public static PlannedPage Of<TComponent>(string path, PageParameters parameters)
        where TComponent : IComponent => new(path, typeof(TComponent), parameters);

    /// <summary>Where the page goes in the output: <c>/programme/x/</c> becomes <c>programme/x/index.html</c>.</summary>
    public string OutputFile => OutputFileOf(Path);

    public static string OutputFileOf(string path) => path.EndsWith('/') ? path.TrimStart('/') + "index.html" : path.TrimStart('/');
}
