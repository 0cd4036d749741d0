using System.Globalization;

namespace BatchKit.Emulator.Runtime;

/// <summary>
/// Who owns a container: every container an emulator starts carries the label <c>batchkit.emulator=PID-STARTTIME-N</c>:
/// the emulator process's id and start time in clock ticks (from /proc/PID/stat), and the number of the emulator
/// within that process (tests host several at once). A pid alone can be reused; with its start time it names one
/// process for the machine's uptime, so a container whose process no longer exists is a leftover of a crashed
/// emulator, while the containers of emulators still running are left alone.
/// https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html (field 22, starttime)
/// </summary>
internal static class EmulatorInstance
{
    public const string Label = "batchkit.emulator";

    private static readonly string Process = Of(Environment.ProcessId) ?? $"{Environment.ProcessId}-0";
    private static int _count;

    /// <summary>A new owner value for one emulator of this process.</summary>
    public static string NewId() => $"{Process}-{Interlocked.Increment(ref _count).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Whether the emulator process that put <paramref name="owner"/> on a container is still running.</summary>
    public static bool IsRunning(string owner)
    {
        var parts = owner.Split('-');
        return parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && Of(pid) == $"{parts[0]}-{parts[1]}";
    }

    private static string? Of(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return $"{pid}-{fields[19]}";
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
