namespace WeekendCulturel.Tests.Support;

/// <summary>One tab's reload channel, as the injected script reads it: a server-sent event stream.</summary>
public sealed class LiveEvents : IDisposable
{
    private readonly StreamReader _reader;

    private LiveEvents(StreamReader reader) => _reader = reader;

    /// <summary>Opens the channel and waits for the server to say it is connected.</summary>
    public static async Task<LiveEvents> OpenAsync(HttpClient http)
    {
        var stream = await http.GetStreamAsync(Generator.Serve.LiveReloadHub.EventsPath);
        var events = new LiveEvents(new StreamReader(stream));
        var first = await events._reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return first == ": connected" ? events : throw new InvalidOperationException($"the channel opened with '{first}'");
    }

    /// <summary>The next event's name and data, or null when nothing comes within <paramref name="wait"/> or the stream ends.</summary>
    public async Task<(string Name, string Data)?> NextAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        string? name = null;
        var data = "";
        try
        {
            while (await _reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line["data: ".Length..];
                }
                else if (line.Length == 0 && name is not null)
                {
                    return (name, data);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // The server went away.
        }

        return null;
    }

    public void Dispose() => _reader.Dispose();
}
