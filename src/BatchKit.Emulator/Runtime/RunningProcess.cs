using System.Diagnostics;
using System.Runtime.InteropServices;

namespace BatchKit.Emulator.Runtime;

/// <summary>A workload running as a child process, identified by its own pid (never by name or command line).</summary>
internal sealed partial class RunningProcess : IRunningWorkload
{
    private const int SigTerm = 15;
    private readonly Process _process;

    public RunningProcess(Process process)
    {
        _process = process;
        Id = process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Exited = WaitAsync();
    }

    public string Id { get; }

    public string Kind => "process";

    public Task<WorkloadExit> Exited { get; }

    private async Task<WorkloadExit> WaitAsync()
    {
        // Waits for the exit and for the redirected output to reach its end, so no line is lost.
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        return new WorkloadExit(_process.ExitCode);
    }

    public async Task StopAsync(TimeSpan grace)
    {
        if (Exited.IsCompleted || _process.HasExited)
        {
            return; // Its pid may belong to another process by now: never signal it.
        }

        _ = Kill(_process.Id, SigTerm);
        if (await Task.WhenAny(Exited, Task.Delay(grace)).ConfigureAwait(false) != Exited)
        {
            KillTree();
        }

        await Exited.ConfigureAwait(false);
    }

    private void KillTree()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // Already exited (and perhaps disposed by the task that awaited it).
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Exited.IsCompleted)
        {
            KillTree();
        }

        await Exited.ConfigureAwait(false);
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
