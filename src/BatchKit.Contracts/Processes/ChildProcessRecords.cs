using System.Globalization;

namespace BatchKit.Contracts.Processes;

/// <summary>
/// The emulator's children (ECS task and Lambda processes), one file each under <c>&lt;data dir&gt;/children/</c>, named
/// after the pid and holding <see cref="ProcessIdentity"/>'s "pid starttime": written when a child starts, removed
/// when it has ended. Each child leads its own process group (its pgid is its pid). What a killed emulator leaves
/// here, <c>batchkit down</c> and the next start of the emulator end, each after checking the start time.
/// </summary>
public static class ChildProcessRecords
{
    public const string Folder = "children";

    public static string PathOf(string dataDirectory, int pid) =>
        Path.Combine(dataDirectory, Folder, pid.ToString(CultureInfo.InvariantCulture) + ".pid");

    /// <summary>Every recorded child; records that cannot be read are returned as null identities with their file.</summary>
    public static IEnumerable<(string File, ProcessIdentity? Identity)> Read(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, Folder);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.pid").Select(f => (f, ProcessIdentity.Parse(File.ReadAllText(f)))).ToList()
            : [];
    }
}
