namespace WeekendCulturel.Registration.Domain;

/// <summary>
/// Requests of one person take turns within this process. Without turns, two requests of one person sent at
/// the same instant for overlapping sessions were both confirmed: the second found the person's marker,
/// read the other session before the first one's seat was written there, and saw nothing. A turn lasts one
/// request; people who are not asking at the same moment never wait for each other.
/// </summary>
/// <remarks>
/// Turns hold only within one process (serve, or one instance of the Functions app). Across instances the
/// same double submission can still confirm both seats: closing that would need a row of the person's,
/// updated under its ETag by each of their requests, which is one more storage request for everyone.
/// </remarks>
public sealed class PersonTurns
{
    // Gates exist only while someone holds or awaits them, so this holds as many entries as people being
    // served at this moment, never one per person ever seen.
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _turns = new(StringComparer.Ordinal);

    /// <summary>Waits for the person's turn; disposing the result ends it.</summary>
    public async Task<IDisposable> TakeAsync(string person, CancellationToken cancellation)
    {
        SemaphoreSlim gate;
        lock (_turns)
        {
            var (existing, users) = _turns.TryGetValue(person, out var turn) ? turn : (new SemaphoreSlim(1, 1), 0);
            _turns[person] = (existing, users + 1);
            gate = existing;
        }

        try
        {
            await gate.WaitAsync(cancellation);
        }
        catch
        {
            Leave(person);
            throw;
        }

        return new Turn(this, person, gate);
    }

    /// <summary>How many people hold or await a turn now.</summary>
    public int Count
    {
        get
        {
            lock (_turns)
            {
                return _turns.Count;
            }
        }
    }

    private void Leave(string person)
    {
        lock (_turns)
        {
            var (gate, users) = _turns[person];
            if (users == 1)
            {
                _turns.Remove(person);
                gate.Dispose();
            }
            else
            {
                _turns[person] = (gate, users - 1);
            }
        }
    }

    private sealed class Turn(PersonTurns turns, string person, SemaphoreSlim gate) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                gate.Release();
                turns.Leave(person);
            }
        }
    }
}
