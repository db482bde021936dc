using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeekendCulturel.Functions;
using WeekendCulturel.Registration.Domain;
using WeekendCulturel.Registration.Hosting;
using WeekendCulturel.Registration.Http;
using WeekendCulturel.Tests.Support;

namespace WeekendCulturel.Tests.Registration;

/// <summary>
/// The hand-kept OpenAPI document (docs/openapi.json) against what the API really serves: every route of both
/// hosts (serve's <c>MapRegistrationApi</c> and the Functions app's triggers) with its method, nothing that
/// is not served, and each route's statuses.
/// </summary>
public sealed partial class OpenApiTests
{
    /// <summary>
    /// What each route answers, read from its handler (and the contract for the routes of version 2): the
    /// document must list exactly these. A handler that gains or loses an outcome changes this table and the
    /// document together. Every POST goes through the same gate (429 rate limit, 403 a form from another site,
    /// 400/413/415 the body, 422 validation, 503 storage); the cancel forms read no fields, so no 415 or 422.
    /// 499 (the client left) is not an answer anyone reads, so it is not documented.
    /// </summary>
    private static readonly Dictionary<string, int[]> Statuses = new(StringComparer.Ordinal)
    {
        ["GET /api/sessions"] = [200, 503],
        ["POST /api/registrations"] = [200, 201, 303, 400, 403, 409, 413, 415, 422, 429, 503],
        ["POST /api/registrations/recover"] = [202, 303, 400, 403, 413, 415, 422, 429, 503],
        ["GET /api/registrations/{token}"] = [200, 404, 503],
        ["DELETE /api/registrations/{token}"] = [200, 404, 503],
        ["GET /api/registrations/{token}/page"] = [200, 404, 503],
        ["GET /api/registrations/{token}/confirm"] = [200, 404, 503],
        ["POST /api/registrations/{token}/confirm"] = [200, 303, 400, 403, 404, 410, 413, 415, 422, 429, 503],
        ["POST /api/registrations/{token}/cancel"] = [200, 303, 400, 403, 404, 413, 429, 503],
        ["DELETE /api/registrations/{token}/sessions/{sessionId}"] = [200, 404, 503],
        ["POST /api/registrations/{token}/sessions/{sessionId}/cancel"] = [200, 303, 400, 403, 404, 413, 429, 503],
        ["GET /api/registrations/{token}/sessions/{sessionId}/give-back"] = [200, 404, 503],
        ["POST /api/newsletter"] = [202, 303, 400, 403, 413, 415, 422, 429, 503],
        ["GET /api/newsletter/confirm"] = [200, 503],
        ["POST /api/newsletter/confirm"] = [200, 303, 400, 403, 404, 413, 415, 422, 429, 503],
        ["GET /api/newsletter/unsubscribe"] = [200, 503],
        ["POST /api/newsletter/unsubscribe"] = [200, 303, 400, 403, 413, 415, 422, 429, 503],
        ["GET /api/admin/registrations"] = [200, 401, 404, 503],
        ["GET /api/openapi.json"] = [200],
    };

    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private static JsonElement Document { get; } = JsonDocument.Parse(OpenApiDocument.Json).RootElement;

    /// <summary>The words the document lists for each closed set are those the API writes: its enums' contract words.</summary>
    [Fact]
    public void Each_closed_set_lists_the_words_of_its_enum()
    {
        Assert.Equal(Words<Availability>(), Listed("SessionLive", "state"));
        Assert.Equal(Words<OutcomeStatus>(), Listed("Result", "status"));
        Assert.Equal(Words<RejectionReason>(), Listed("Result", "reason"));

        static IEnumerable<string> Words<T>()
            where T : struct, Enum => Enum.GetValues<T>().Select(v => v.Word()).Order(StringComparer.Ordinal);

        static IEnumerable<string> Listed(string schema, string property) =>
            Document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").GetProperty(property)
                .GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal);
    }

    [Fact]
    public void The_embedded_document_is_the_file_in_docs_and_declares_OpenAPI_3_1()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(Repository.Root, "docs", "openapi.json")), OpenApiDocument.Json);
        Assert.Matches(@"^3\.1\.\d+$", Document.GetProperty("openapi").GetString());
        Assert.False(string.IsNullOrWhiteSpace(Document.GetProperty("info").GetProperty("title").GetString()));
    }

    [Fact]
    public void Every_route_serve_maps_is_documented_and_nothing_else()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddRegistration(new ConfigurationBuilder().Build());
        var app = builder.Build();
        app.MapRegistrationApi();

        var served = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(m => Operation(m, e.RoutePattern.RawText!)))
            .ToHashSet(StringComparer.Ordinal);

        AssertSameOperations("serve (MapRegistrationApi)", served);
    }

    [Fact]
    public void Every_http_trigger_of_the_Functions_app_is_documented_and_nothing_else()
    {
        // The host's routePrefix is "api" (host.json): a trigger's Route is under /api.
        var triggers = typeof(RegistrationFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .SelectMany(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>())
            .ToList();
        Assert.All(triggers, t => Assert.False(string.IsNullOrEmpty(t.Route), "an HTTP trigger without a Route is served at its function's name"));

        var served = triggers
            .SelectMany(t => (t.Methods ?? ["ANY"]).Select(m => Operation(m, "/api/" + t.Route!)))
            .ToHashSet(StringComparer.Ordinal);

        AssertSameOperations("the Functions app (RegistrationFunctions)", served);
    }

    [Fact]
    public void Each_route_lists_the_statuses_it_answers()
    {
        Assert.Equal(Statuses.Keys.Order(StringComparer.Ordinal), DocumentedOperations().Keys.Order(StringComparer.Ordinal));
        var wrong = DocumentedOperations()
            .Select(o => (o.Key, Documented: o.Value.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).Order().ToArray()))
            .Where(o => !o.Documented.SequenceEqual(Statuses[o.Key].Order()))
            .Select(o => $"{o.Key}: documented {string.Join(' ', o.Documented)}, answers {string.Join(' ', Statuses[o.Key].Order())}")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void Every_reference_resolves_and_every_path_parameter_is_declared()
    {
        var problems = new List<string>();
        foreach (var reference in References(Document))
        {
            var target = Document;
            foreach (var part in reference.TrimStart('#', '/').Split('/'))
            {
                if (!target.TryGetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out target))
                {
                    problems.Add($"{reference} does not resolve");
                    break;
                }
            }
        }

        foreach (var (operation, element) in DocumentedOperations())
        {
            var path = operation[(operation.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            var declared = Parameters(Document.GetProperty("paths").GetProperty(path)).Concat(Parameters(element))
                .Where(p => p.GetProperty("in").GetString() == "path")
                .Select(p => p.GetProperty("name").GetString())
                .ToHashSet(StringComparer.Ordinal);
            problems.AddRange(PathParameter().Matches(path).Select(m => m.Groups[1].Value).Where(name => !declared.Contains(name)).Select(name => $"{operation}: {{{name}}} is not declared"));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static void AssertSameOperations(string host, IReadOnlySet<string> served)
    {
        var documented = DocumentedOperations().Keys.ToHashSet(StringComparer.Ordinal);
        var undocumented = served.Except(documented).Order(StringComparer.Ordinal).ToList();
        var notServed = documented.Except(served).Order(StringComparer.Ordinal).ToList();

        Assert.True(undocumented.Count == 0 && notServed.Count == 0,
            $"{host}:\nserved but not in docs/openapi.json: {string.Join(", ", undocumented)}\nin docs/openapi.json but not served: {string.Join(", ", notServed)}");
    }

    private static string Operation(string method, string route) => $"{method.ToUpperInvariant()} {"/" + route.Trim('/')}";

    private static Dictionary<string, JsonElement> DocumentedOperations() =>
        Document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)).Select(o => (Key: Operation(o.Name, path.Name), o.Value)))
            .ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);

    private static IEnumerable<JsonElement> Parameters(JsonElement holder) =>
        holder.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray().Select(Resolve) : [];

    private static JsonElement Resolve(JsonElement element)
    {
        if (!element.TryGetProperty("$ref", out var reference))
        {
            return element;
        }

        var target = Document;
        foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
        {
            target = target.GetProperty(part);
        }

        return target;
    }

    private static IEnumerable<string> References(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => p.Name == "$ref" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : References(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(References),
        _ => [],
    };

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex PathParameter();
}
