using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace WeekendCulturel.Functions;

/// <summary>
/// Gives the handlers X-Forwarded-For as the platform's front ends wrote it, so that the rate limit can
/// count the address the trusted proxies added. The Functions host passes each request on to this worker
/// with X-Forwarded-For replaced by the one address the host received it from, and the worker's ASP.NET
/// Core integration then moves even that into the connection's address: the chain is gone. The host also
/// hands the worker the request's headers as it received them, in the trigger's binding data; the chain is
/// taken from there.
/// </summary>
public sealed class ForwardedForMiddleware : IFunctionsWorkerMiddleware
{
    private const string Header = "X-Forwarded-For";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http && ReceivedChain(context.BindingContext.BindingData) is { } chain)
        {
            http.Request.Headers[Header] = chain;
        }

        await next(context);
    }

    /// <summary>X-Forwarded-For as the host received it, from an HTTP trigger's "Headers" binding data (JSON); null without one.</summary>
    public static string? ReceivedChain(IReadOnlyDictionary<string, object?> bindingData)
    {
        var headers = bindingData.FirstOrDefault(p => string.Equals(p.Key, "Headers", StringComparison.OrdinalIgnoreCase)).Value;
        if (headers is not string json)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return document.RootElement.EnumerateObject()
                .Where(p => string.Equals(p.Name, Header, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                .Select(p => p.Value.GetString())
                .FirstOrDefault();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
