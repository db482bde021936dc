using System.Net.Http.Json;
using System.Text.Json;

namespace WeekendCulturel.Bench.Rush;

/// <summary>One session's live state from <c>GET /api/sessions</c>.</summary>
public sealed record SessionState(string Id, string State, int Capacity, int Confirmed, int Remaining, int Waitlisted, int Held = 0)
{
    /// <summary>Seats taken: confirmed, or held for people who have not confirmed their address yet (contract v2).</summary>
    public int Seated => Confirmed + Held;

    public bool TakesRegistrations => State is "open" or "waitlist";
}

/// <summary>One row of the organisers' export (<c>GET /api/admin/registrations</c> as JSON).</summary>
public sealed record ExportRow(string Session, string Status, int? Position, string Email);

/// <summary>What the server says, read with a client of its own (from 127.0.0.1, which the rush does not use).</summary>
public sealed class ServerState(Uri server, string adminKey) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };

    public async Task<IReadOnlyList<SessionState>> SessionsAsync(CancellationToken cancellation)
    {
        var reply = await _http.GetFromJsonAsync<SessionsReply>("api/sessions", JsonSerializerOptions.Web, cancellation)
            ?? throw new InvalidOperationException("GET /api/sessions gave no body");
        return reply.Sessions;
    }

    public async Task<SessionState> SessionAsync(string id, CancellationToken cancellation) =>
        (await SessionsAsync(cancellation)).SingleOrDefault(s => s.Id == id)
        ?? throw new InvalidOperationException($"GET /api/sessions does not list '{id}'");

    public async Task<IReadOnlyList<ExportRow>> ExportAsync(string session, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/admin/registrations?session={Uri.EscapeDataString(session)}");
        request.Headers.Add("x-functions-key", adminKey);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await _http.SendAsync(request, cancellation);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<ExportRow>>(JsonSerializerOptions.Web, cancellation)
            ?? throw new InvalidOperationException("the export gave no body");
    }

    public void Dispose() => _http.Dispose();

    private sealed record SessionsReply(string Now, List<SessionState> Sessions);
}
