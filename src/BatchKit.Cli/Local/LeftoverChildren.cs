using System.Diagnostics;
using System.Globalization;
using BatchKit.Contracts.Processes;

namespace BatchKit.Cli.Local;

/// <summary>
/// What a killed emulator may leave running: the ECS task and Lambda processes it recorded in its data directory
/// (<see cref="ChildProcessRecords"/>). Each still-running one (same pid AND start time) is killed with its process
/// group; a record whose pid now names another process is only removed.
/// </summary>
internal static class LeftoverChildren
{
    /// <summary>Ends the recorded children that still run and removes every record; returns the pids it ended.</summary>
    public static IReadOnlyList<int> End(string dataDirectory)
    {
        var ended = new List<int>();
        foreach (var (file, identity) in ChildProcessRecords.Read(dataDirectory))
        {
            if (identity is not null && identity.IsAlive)
            {
                Kill("-" + identity.Pid.ToString(CultureInfo.InvariantCulture)); // its process group (a child leads its own)
                if (identity.IsAlive)
                {
                    Kill(identity.Pid.ToString(CultureInfo.InvariantCulture));
                }

                ended.Add(identity.Pid);
            }

            File.Delete(file);
        }

        return ended;
    }

    private static void Kill(string target)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", "--", target]) { UseShellExecute = false, RedirectStandardError = true });
        kill?.WaitForExit();
    }
}
