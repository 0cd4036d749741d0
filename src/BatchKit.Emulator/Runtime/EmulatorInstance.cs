using System.Globalization;

namespace BatchKit.Emulator.Runtime;

/// <summary>
/// Who owns a container: every container an emulator starts carries the label <c>batchkit.emulator=PID-STARTTIME-N</c>:
/// the emulator process's id and start time in clock ticks (from /proc/PID/stat), and the number of the emulator
/// within that process (tests host several at once). A pid alone can be reused; with its start time it names one
/// process for the machine's uptime, so a container whose process no longer exists is a leftover of a crashed
/// emulator, while the containers of emulators still running are left alone.
/// https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html (field 22, starttime)
/// A pid means something only in its pid namespace: an emulator in a container (the batchkit/emulator image) is pid 1
/// of its own, and cannot see the host's processes. So each container also carries the emulator's pid namespace and,
/// when the emulator itself runs in a container, that container's id: an owner in another namespace is judged by
/// whether its container still runs, and one that cannot be judged from here is left alone.
/// https://man7.org/linux/man-pages/man7/pid_namespaces.7.html
/// </summary>
internal static partial class EmulatorInstance
{
    public const string Label = "batchkit.emulator";

    /// <summary>The owner's pid namespace, as /proc/self/ns/pid names it (<c>pid:[4026531836]</c>).</summary>
    public const string PidNamespaceLabel = "batchkit.emulator.pid-namespace";

    /// <summary>The id of the container the owner runs in, when it runs in one.</summary>
    public const string ContainerLabel = "batchkit.emulator.container";

    private static readonly string? PidNamespace = ReadPidNamespace();
    private static readonly string? OwnContainer = ReadOwnContainer();

    private static readonly string Process = Of(Environment.ProcessId) ?? $"{Environment.ProcessId}-0";
    private static int _count;

    /// <summary>A new owner value for one emulator of this process.</summary>
    public static string NewId() => $"{Process}-{Interlocked.Increment(ref _count).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The labels that name <paramref name="owner"/> on each container it starts.</summary>
    public static Dictionary<string, string> Labels(string owner)
    {
        var labels = new Dictionary<string, string> { [Label] = owner };
        if (PidNamespace is not null)
        {
            labels[PidNamespaceLabel] = PidNamespace;
        }

        if (OwnContainer is not null)
        {
            labels[ContainerLabel] = OwnContainer;
        }

        return labels;
    }

    /// <summary>
    /// Whether the owner of a container with these labels still runs: judged here when it shares this pid namespace (or
    /// says none, as containers labelled before namespaces were); otherwise null when the engine can tell (its
    /// container, <see cref="ContainerLabel"/>, still running), and true when nobody here can: it is left alone.
    /// </summary>
    public static bool? IsRunning(IDictionary<string, string> labels)
    {
        if (labels.TryGetValue(PidNamespaceLabel, out var pidNamespace) && pidNamespace != PidNamespace)
        {
            return labels.ContainsKey(ContainerLabel) ? null : true;
        }

        return IsRunning(labels[Label]);
    }

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

    private static string? ReadPidNamespace()
    {
        try
        {
            return new FileInfo("/proc/self/ns/pid").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// This process's container, when it runs in one: Docker bind-mounts /etc/hostname from the container's own
    /// directory (/var/lib/docker/containers/ID/hostname), and that mount is in the container's mount table only.
    /// https://man7.org/linux/man-pages/man5/proc_pid_mountinfo.5.html (field 4, root; field 5, mount point)
    /// </summary>
    private static string? ReadOwnContainer()
    {
        try
        {
            return File.ReadLines("/proc/self/mountinfo").Select(line => line.Split(' '))
                .Where(fields => fields.Length > 4 && fields[4] == "/etc/hostname")
                .Select(fields => ContainerDirectory().Match(fields[3]))
                .Where(match => match.Success).Select(match => match.Groups[1].Value).FirstOrDefault();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("/containers/([0-9a-f]{64})/")]
    private static partial System.Text.RegularExpressions.Regex ContainerDirectory();
}
