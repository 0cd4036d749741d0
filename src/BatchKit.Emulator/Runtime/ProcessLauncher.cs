using System.ComponentModel;
using System.Diagnostics;
using BatchKit.Contracts.Processes;

namespace BatchKit.Emulator.Runtime;

/// <summary>
/// The <c>process</c> runtime: a workload runs as a local child process instead of a container. An ECS image runs the
/// local command the emulator maps it to (<c>--ecs-image IMAGE=COMMAND</c>), followed by the workload's command; a
/// workload whose entry point lies in a mount (a Lambda's <c>/var/task/bootstrap</c>) runs that file from the host
/// directory. Every child leads a process group of its own (util-linux <c>setsid</c>), so stopping it reaches every
/// process it started, as stopping a container does, and gets a parent-death signal (<c>setpriv --pdeathsig</c>) so it
/// cannot outlive a crashed emulator. Each child is recorded by pid and start time (<see cref="ChildProcessRegistry"/>)
/// while it runs, and only that process is ever signalled.
/// </summary>
internal sealed class ProcessLauncher(IReadOnlyDictionary<string, string[]> imageCommands, ChildProcessRegistry children) : IWorkloadLauncher, IDisposable
{
    private const string SetPriv = "/usr/bin/setpriv";
    private const string SetSid = "/usr/bin/setsid";
    private readonly LauncherThread _thread = new();

    public string Kind => "process";

    public async Task<IRunningWorkload> LaunchAsync(WorkloadSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var command = Resolve(spec);
        var start = StartInfo(spec, command);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Deliver(spec, e.Data);
        process.ErrorDataReceived += (_, e) => Deliver(spec, e.Data);
        try
        {
            await _thread.RunAsync(process.Start).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new WorkloadStartException($"CannotStartContainerError: '{command[0]}' could not be started: {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // The start time is fixed at the fork, so it names this process even before setpriv and setsid exec the command.
        var identity = ProcessIdentity.Of(process.Id) ?? new ProcessIdentity(process.Id, -1); // -1: already gone, never signalled
        if (identity.StartTime >= 0)
        {
            children.Record(identity);
        }

        return new RunningProcess(process, identity, ownGroup: File.Exists(SetSid), onExit: () => children.Forget(identity));
    }

    /// <summary>The command line standing in for the image's entry point and command.</summary>
    private List<string> Resolve(WorkloadSpec spec)
    {
        if (imageCommands.TryGetValue(spec.Image, out var mapped) && mapped.Length > 0)
        {
            return [.. mapped, .. spec.Command];
        }

        var entryPoint = spec.EntryPoint.Count > 0 ? spec.EntryPoint[0] : null;
        var local = entryPoint is null ? null : spec.Mounts.Select(m => m.ToHostPath(entryPoint)).FirstOrDefault(p => p is not null);
        return local is not null
            ? [local, .. spec.EntryPoint.Skip(1), .. spec.Command]
            : throw new WorkloadStartException(
                $"CannotPullContainerError: the image '{spec.Image}' is not mapped to a local command in the emulator's configuration " +
                "(--ecs-image IMAGE=COMMAND), and the process runtime cannot run images");
    }

    private static ProcessStartInfo StartInfo(WorkloadSpec spec, List<string> command)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory is { } dir ? HostPath(spec, dir) : "",
        };
        // setpriv sets the parent-death signal and execs setsid, which starts a new session and process group and
        // execs the command: one pid throughout (a child of .NET is never a group leader, so setsid does not fork).
        List<string> line = [.. File.Exists(SetPriv) ? [SetPriv, "--pdeathsig", "KILL", "--"] : Array.Empty<string>(),
            .. File.Exists(SetSid) ? [SetSid, "--"] : Array.Empty<string>(), .. command];
        start.FileName = line[0];
        foreach (var argument in line.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
        {
            start.Environment[name] = HostPath(spec, value);
        }

        return start;
    }

    /// <summary>A path inside a mount, seen from the host (LAMBDA_TASK_ROOT=/var/task is the code directory here).</summary>
    private static string HostPath(WorkloadSpec spec, string value) =>
        value.StartsWith('/') ? spec.Mounts.Select(m => m.ToHostPath(value)).FirstOrDefault(p => p is not null) ?? value : value;

    private static void Deliver(WorkloadSpec spec, string? line)
    {
        if (line is not null)
        {
            spec.Output(line);
        }
    }

    public void Dispose() => _thread.Dispose();
}
