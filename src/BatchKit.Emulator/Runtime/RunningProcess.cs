using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using BatchKit.Contracts.Processes;

namespace BatchKit.Emulator.Runtime;

/// <summary>
/// A workload running as a child process that leads its own process group, identified by its own pid (never by
/// name or command line). Signals go to the whole group, and when the main process ends, whatever it left in its
/// group is killed, as a container's processes end with it. A signal goes to the pid only while it still is the process
/// that was started (same start time), so a stop after the end never reaches a process that reused the pid.
/// </summary>
internal sealed partial class RunningProcess : IRunningWorkload
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly bool _ownGroup;
    private readonly ProcessIdentity _identity;
    private readonly Action _onExit;
    private readonly TaskCompletionSource _processExited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RunningProcess(Process process, ProcessIdentity identity, bool ownGroup, Action onExit)
    {
        _process = process;
        _identity = identity;
        _ownGroup = ownGroup;
        _onExit = onExit;
        Id = process.Id.ToString(CultureInfo.InvariantCulture);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => _processExited.TrySetResult();
        if (process.HasExited)
        {
            _processExited.TrySetResult();
        }

        Exited = WaitAsync();
    }

    public string Id { get; }

    public string Kind => "process";

    public Task<WorkloadExit> Exited { get; }

    private async Task<WorkloadExit> WaitAsync()
    {
        await _processExited.Task.ConfigureAwait(false);
        SignalGroup(SigKill); // what the main process left behind would hold its output open
        // Waits for the redirected output to reach its end, so no line is lost.
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        _onExit();
        return new WorkloadExit(_process.ExitCode);
    }

    public async Task StopAsync(TimeSpan grace)
    {
        if (_processExited.Task.IsCompleted)
        {
            return; // Its pid may belong to another process by now: never signal it.
        }

        Signal(SigTerm);
        if (await Task.WhenAny(_processExited.Task, Task.Delay(grace)).ConfigureAwait(false) != _processExited.Task)
        {
            Signal(SigKill);
        }

        await Exited.ConfigureAwait(false);
    }

    /// <summary>
    /// The leader and its group while the leader lives (its pid is ours until .NET reaps it), else nothing. The leader
    /// is signalled by pid too: just after the fork it has not yet made its group (setsid runs in the child), and a
    /// group signal then finds no group.
    /// </summary>
    private void Signal(int signal)
    {
        if (_processExited.Task.IsCompleted || !_identity.IsAlive)
        {
            return; // ended (and perhaps reaped, its pid free for another process): never signal it
        }

        _ = Kill(_process.Id, signal);
        SignalGroup(signal);
    }

    /// <summary>
    /// After the leader is gone: the group id stays reserved while any member lives, so this reaches only processes
    /// the workload started (ESRCH when none are left).
    /// </summary>
    private void SignalGroup(int signal)
    {
        if (_ownGroup)
        {
            _ = Kill(-_process.Id, signal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Signal(SigKill);
        await Exited.ConfigureAwait(false);
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
