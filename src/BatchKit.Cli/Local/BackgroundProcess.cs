using System.Diagnostics;
using System.Globalization;
using BatchKit.Contracts.Processes;

namespace BatchKit.Cli.Local;

/// <summary>
/// A long-running process of the local stack (the emulator, the Slack stub) that outlives the command starting it: started
/// in its own session (<c>setsid</c>, so a Ctrl-C in the terminal later does not reach it), output to a log file,
/// its pid and start time in a pid file. It is found again, and stopped, only by that pid, and only while the pid still
/// has that start time (<see cref="ProcessIdentity"/>): a recycled pid is never killed, whatever its command line.
/// </summary>
internal sealed class BackgroundProcess(string name, LocalPaths paths)
{
    public string Name => name;

    public string LogFile => paths.LogFile(name);

    /// <summary>The pid when the recorded process is alive and is still the one we started (same start time).</summary>
    public int? RunningPid()
    {
        var pidFile = paths.PidFile(name);
        var identity = File.Exists(pidFile) ? ProcessIdentity.Parse(File.ReadAllText(pidFile)) : null;
        return identity is not null && identity.IsAlive ? identity.Pid : null;
    }

    public int Start(string fileName, IReadOnlyList<string> arguments)
    {
        Directory.CreateDirectory(paths.State);
        // setsid runs the program in a new session in place (same pid); sh redirects its output to the log.
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, WorkingDirectory = paths.Repository };
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$BATCHKIT_LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BATCHKIT_LOG"] = LogFile;
        using var process = Process.Start(start) ?? throw new BatchKitException($"could not start {name} ({fileName})");
        // setsid and sh exec in place, so the pid and its start time (fixed at the fork) name the program from now on.
        var identity = ProcessIdentity.Of(process.Id) ?? throw new BatchKitException($"{name} ({fileName}) exited at once; see {LogFile}");
        File.WriteAllText(paths.PidFile(name), identity.ToString());
        File.Delete(paths.PidFile(name) + ".cmd"); // earlier versions identified the process by its command line
        return process.Id;
    }

    /// <summary>SIGTERM, then SIGKILL after five seconds; removes the pid file. False when nothing of ours ran.</summary>
    public async Task<bool> StopAsync()
    {
        var pid = RunningPid();
        if (pid is { } id)
        {
            using var process = Process.GetProcessById(id);
            Signal(id, "TERM");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        File.Delete(paths.PidFile(name));
        return pid is not null;
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill?.WaitForExit();
    }
}
