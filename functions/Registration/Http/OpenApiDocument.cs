namespace WeekendCulturel.Registration.Http;

/// <summary>
/// The API's OpenAPI 3.1 document (<c>docs/openapi.json</c>, kept by hand beside the handlers and checked
/// against the routes both hosts serve by <c>OpenApiTests</c>), embedded in this library so that every host
/// serves the same text at <c>GET /api/openapi.json</c>.
/// </summary>
public static class OpenApiDocument
{
    public const string ResourceName = "WeekendCulturel.Registration.openapi.json";

    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>The document, read once from the assembly.</summary>
    public static string Json { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the assembly has no resource {ResourceName}: docs/openapi.json was not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
