using System.Globalization;

namespace BatchKit.Contracts.Processes;

/// <summary>
/// A process named so that a recycled pid never passes for it: its pid and its start time (field 22 of
/// <c>/proc/&lt;pid&gt;/stat</c>, clock ticks after boot), which no later process with the same pid can share. Never a
/// command line, which any process can copy. https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html
/// </summary>
public sealed record ProcessIdentity(int Pid, long StartTime)
{
    /// <summary>The identity of the live process <paramref name="pid"/>, or null when there is none (or it is a zombie).</summary>
    public static ProcessIdentity? Of(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces and ')': fields 3 on follow the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 && fields[0] != "Z" && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? new ProcessIdentity(pid, start)
            : null;
    }

    /// <summary>True while this very process runs (same pid and same start time).</summary>
    public bool IsAlive => Of(Pid) == this;

    /// <summary>"pid starttime", the form pid files hold.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Pid} {StartTime}");

    /// <summary>Reads "pid starttime"; null for anything else (an old pid file with a pid only names no process safely).</summary>
    public static ProcessIdentity? Parse(string text)
    {
        var parts = (text ?? "").Trim().Split(' ');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? new ProcessIdentity(pid, start)
            : null;
    }
}
