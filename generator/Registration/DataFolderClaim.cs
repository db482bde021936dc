using System.Diagnostics;
using System.Text.Json;

namespace WeekendCulturel.Generator.Registration;

/// <summary>
/// One process's claim on an Azurite data folder. Two Azurites on one folder would each keep the tables in
/// memory and overwrite each other's file, so a second claim is refused. The claim is a lock that the
/// operating system releases when its process ends, however it ends, on a file that records the Azurite
/// started under it: an Azurite that outlives a killed owner still holds the folder, and is waited for.
/// </summary>
public sealed class DataFolderClaim : IDisposable
{
    private const string FileName = "azurite.lock";

    // How long an Azurite whose owner is gone may take to notice and close (azurite-guard.js) before it is refused.
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromSeconds(15);

    private readonly FileStream _file;

    private DataFolderClaim(FileStream file) => _file = file;

    /// <summary>Claims the folder, or throws <see cref="DataFolderInUseException"/> saying who holds it and how to stop them.</summary>
    public static async Task<DataFolderClaim> TakeAsync(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var file = new FileStream(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            if (!TryLock(file))
            {
                throw new DataFolderInUseException(Read(file) is { } holder
                    ? $"{dataDirectory} is in use by the Azurite (process {holder.Azurite}) of another serve or registrations command (process {holder.Owner}); stop that one first (Ctrl+C where it runs, or kill {holder.Owner})"
                    : $"{dataDirectory} is in use by another serve or registrations command; stop it first");
            }

            if (Read(file) is { } left && IsRunning(left))
            {
                var deadline = DateTime.UtcNow + OrphanGrace;
                while (IsRunning(left) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200);
                }

                if (IsRunning(left))
                {
                    throw new DataFolderInUseException($"{dataDirectory} is still held by an Azurite (process {left.Azurite}) that an earlier command left running; stop it (kill {left.Azurite}) and start again");
                }
            }

            return new DataFolderClaim(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Records the Azurite now serving the folder, for the next claim to find if it outlives this one.</summary>
    public void Record(Process azurite, int port)
    {
        var holder = new Holder(Environment.ProcessId, azurite.Id, azurite.StartTime.ToUniversalTime(), port);
        _file.SetLength(0);
        _file.Position = 0;
        JsonSerializer.Serialize(_file, holder);
        _file.Flush(flushToDisk: true);
    }

    /// <summary>Releases the folder; the record goes too, its Azurite being stopped.</summary>
    public void Dispose()
    {
        _file.SetLength(0);
        _file.Dispose();
    }

    private static bool TryLock(FileStream file)
    {
        if (OperatingSystem.IsMacOS())
        {
            // .NET has no such lock on macOS: the record alone guards the folder there.
            return true;
        }

        try
        {
            file.Lock(0, 1);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static Holder? Read(FileStream file)
    {
        file.Position = 0;
        try
        {
            return file.Length == 0 ? null : JsonSerializer.Deserialize<Holder>(file);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsRunning(Holder holder)
    {
        try
        {
            using var process = Process.GetProcessById(holder.Azurite);

            // The same process, not another that was given its number since.
            return !process.HasExited && (process.StartTime.ToUniversalTime() - holder.AzuriteStarted).Duration() < TimeSpan.FromSeconds(1);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private sealed record Holder(int Owner, int Azurite, DateTime AzuriteStarted, int Port);
}

/// <summary>Another process holds the Azurite data folder; the message says which and how to stop it.</summary>
public sealed class DataFolderInUseException(string message) : InvalidOperationException(message);
