using System.Diagnostics;
using BatchKit.Cli.Local;

namespace BatchKit.Cli.Tests;

/// <summary>The local stack's background processes are found and stopped only by their own pid.</summary>
public sealed class BackgroundProcessTests : IDisposable
{
    private readonly string _repository = Directory.CreateTempSubdirectory("batchkit-bg-").FullName;

    public void Dispose() => Directory.Delete(_repository, recursive: true);

    [Fact]
    public async Task A_started_process_is_found_by_its_pid_file_and_stopped_by_it()
    {
        var process = new BackgroundProcess("sleeper", new LocalPaths(_repository));
        var pid = process.Start("sleep", ["30"]);

        Assert.Equal(pid, process.RunningPid());
        Assert.True(await process.StopAsync());
        Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(" Z ", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(_repository, ".batchkit", "sleeper.pid")));
        Assert.Null(process.RunningPid());
        Assert.False(await process.StopAsync()); // nothing of ours runs: nothing is killed
    }

    [Fact]
    public async Task A_pid_file_naming_someone_elses_process_is_never_killed()
    {
        var paths = new LocalPaths(_repository);
        Directory.CreateDirectory(paths.State);
        using var other = Process.Start(new ProcessStartInfo("sleep", ["30"]) { UseShellExecute = false })!;
        await File.WriteAllTextAsync(paths.PidFile("emulator"), other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await File.WriteAllTextAsync(paths.PidFile("emulator") + ".cmd", "/opt/batchkit/BatchKit.Emulator"); // a recycled pid: the command differs

        var process = new BackgroundProcess("emulator", paths);
        Assert.Null(process.RunningPid());
        await process.StopAsync();
        Assert.False(other.HasExited);
        other.Kill();
    }

    [Fact]
    public async Task Commands_say_what_to_do_when_no_stack_answers()
    {
        var run = await CliRun.InvokeAsync("status", "--endpoint", "http://127.0.0.1:9");
        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains("nothing answers at http://127.0.0.1:9/", run.Output, StringComparison.Ordinal);
        Assert.Contains("make up", run.Output, StringComparison.Ordinal);

        var bad = await CliRun.InvokeAsync("watch", "--endpoint", "not a url");
        Assert.Equal(ExitCodes.UserError, bad.ExitCode);
        Assert.Contains("--endpoint 'not a url' is neither a URL nor 'aws'", bad.Output, StringComparison.Ordinal);
    }
}
