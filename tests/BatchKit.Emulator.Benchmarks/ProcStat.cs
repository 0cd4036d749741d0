using System.Globalization;

/// <summary>
/// One reading of /proc/PID/stat, its fields by the numbers proc_pid_stat(5) gives them (10 minflt, 14 utime, ...).
/// The command name (field 2) is in parentheses and may hold spaces, so the fields are counted from the last ')'.
/// https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html
/// </summary>
internal sealed class ProcStat
{
    private readonly string[] _fromField3;

    private ProcStat(string[] fromField3) => _fromField3 = fromField3;

    public static ProcStat Of(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        return new ProcStat(text[(text.LastIndexOf(')') + 2)..].Split(' '));
    }

    public long this[int field] => long.Parse(_fromField3[field - 3], CultureInfo.InvariantCulture);
}
