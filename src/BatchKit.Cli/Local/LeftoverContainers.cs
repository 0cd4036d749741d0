using System.Diagnostics;

namespace BatchKit.Cli.Local;

/// <summary>
/// Removes the containers of emulators that no longer run (one killed or crashed while tasks ran in containers), by
/// asking the published emulator to sweep them: it knows its own labels and which owners still live.
/// </summary>
internal static class LeftoverContainers
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>The emulator's one-line account of what it removed.</summary>
    public static async Task<string> RemoveAsync(LocalPaths paths)
    {
        var start = new ProcessStartInfo(paths.Emulator, ["--remove-leftover-containers"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new BatchKitException($"could not start {paths.Emulator}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new BatchKitException($"the emulator's sweep of leftover containers did not finish within {Deadline.TotalSeconds:0} s");
        }

        return process.ExitCode == 0
            ? (await output.ConfigureAwait(false)).Trim()
            : throw new BatchKitException($"the emulator's sweep of leftover containers failed: {(await error.ConfigureAwait(false)).Trim()}");
    }
}
