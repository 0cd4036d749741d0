using System.Diagnostics;
using System.Globalization;

namespace BatchKit.Cli.Local;

/// <summary>
/// A long-running process of the local stack (the emulator, the Slack stub) that outlives the command starting it:
/// started in its own session (<c>setsid</c>, so a Ctrl-C in the terminal later does not reach it), output to a log
/// file, its pid in a pid file. It is found again, and stopped, only by that pid, and only while the pid's command
/// line still begins with the one we started (a recycled pid is never killed; nor is another <c>batchkit</c> command
/// when the stub is <c>batchkit slack-stub</c>).
/// </summary>
internal sealed class BackgroundProcess(string name, LocalPaths paths)
{
    public string Name => name;

    public string LogFile => paths.LogFile(name);

    /// <summary>The pid when the recorded process is alive and is still the one we started.</summary>
    public int? RunningPid()
    {
        var pidFile = paths.PidFile(name);
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        var expected = File.Exists(pidFile + ".cmd") ? File.ReadAllText(pidFile + ".cmd").Trim() : null;
        return expected is { Length: > 0 } && CommandLine(pid).StartsWith(expected, StringComparison.Ordinal) ? pid : null;
    }

    /// <summary>The process's command line ("" when it is gone, a zombie, or not ours to read).</summary>
    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
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
        var identity = string.Join(' ', [fileName, .. arguments]);
        File.WriteAllText(paths.PidFile(name), process.Id.ToString(CultureInfo.InvariantCulture));
        File.WriteAllText(paths.PidFile(name) + ".cmd", identity);
        // setsid and sh exec in place: wait (briefly) until the pid runs the program itself, so it is recognised.
        for (var i = 0; i < 100 && !CommandLine(process.Id).StartsWith(identity, StringComparison.Ordinal) && !process.HasExited; i++)
        {
            Thread.Sleep(10);
        }

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
        File.Delete(paths.PidFile(name) + ".cmd");
        return pid is not null;
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill?.WaitForExit();
    }
}
