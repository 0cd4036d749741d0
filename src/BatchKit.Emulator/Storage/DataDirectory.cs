using System.Collections.Concurrent;
using System.Globalization;

namespace BatchKit.Emulator.Storage;

/// <summary>
/// The emulator's data directory: where every service keeps its records, whether writes are made durable (fsynced
/// before the answer) or, with <c>--ephemeral</c>, kept in memory only, and the quarantine where start-up moves an entry
/// it cannot read so that one bad file never stops the emulator.
/// </summary>
internal sealed class DataDirectory
{
    private readonly ConcurrentQueue<QuarantinedEntry> _quarantined = new();

    public DataDirectory(EmulatorOptions options)
    {
        Root = Path.GetFullPath(options.DataDirectory);
        Durable = !options.Ephemeral;
        System.IO.Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>True: records are written to files and every write is fsynced before the answer; false: <c>--ephemeral</c>.</summary>
    public bool Durable { get; }

    /// <summary>What start-up moved aside, oldest first.</summary>
    public IReadOnlyList<QuarantinedEntry> Quarantined => [.. _quarantined];

    /// <summary>A folder under the data directory (created if missing).</summary>
    public string Folder(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Moves an unreadable file (or directory) to <c>quarantine/</c> under the data directory, keeping its path relative
    /// to the root in the new name, and reports it on standard error and in /_batchkit/health.
    /// </summary>
    public void Quarantine(string path, string reason)
    {
        var relative = Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '_');
        var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var target = Path.Combine(Folder("quarantine"), $"{stamp}-{Guid.NewGuid().ToString("N")[..8]}-{relative}");
        if (System.IO.Directory.Exists(path))
        {
            System.IO.Directory.Move(path, target);
        }
        else
        {
            File.Move(path, target);
        }

        _quarantined.Enqueue(new QuarantinedEntry(path, target, reason, DateTimeOffset.UtcNow));
        Console.Error.WriteLine($"batchkit-emulator: quarantined {path} → {target}: {reason}");
    }
}
