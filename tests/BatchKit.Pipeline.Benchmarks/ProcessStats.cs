using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BatchKit.Pipeline.Benchmarks;

/// <summary>What /proc says of a process (peak memory, CPU, live children), and a free loopback port.</summary>
internal static class ProcessStats
{
    public static long PeakRssKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    // utime + stime and cutime + cstime of /proc/PID/stat (fields 14-17, in clock ticks of 1/100 s), in seconds.
    public static (double Self, double Children) CpuSeconds(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' '); // fields from the 3rd on: the name may hold spaces
        double Ticks(int field) => long.Parse(fields[field - 3], CultureInfo.InvariantCulture) / 100.0;
        return (Ticks(14) + Ticks(15), Ticks(16) + Ticks(17));
    }

    // The processes whose parent is PID (the Lambda environments the emulator keeps warm; ended workers are reaped).
    public static List<int> LiveChildren(int pid) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(child =>
            {
                try
                {
                    var text = File.ReadAllText($"/proc/{child}/stat");
                    return int.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture) == pid;
                }
                catch (IOException)
                {
                    return false; // ended while we looked
                }
            }).ToList();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
