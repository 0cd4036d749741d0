using System.Diagnostics;
using BatchKit.Cli.Local;
using BatchKit.Contracts.Processes;

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
        var identity = ProcessIdentity.Of(other.Id)!;
        // A recycled pid: the pid is right, the start time is that of the process that held it before.
        await File.WriteAllTextAsync(paths.PidFile("emulator"), (identity with { StartTime = identity.StartTime - 1 }).ToString());

        var process = new BackgroundProcess("emulator", paths);
        Assert.Null(process.RunningPid());
        await process.StopAsync();
        Assert.False(other.HasExited);
        other.Kill();
    }

    [Fact]
    public async Task A_pid_file_with_the_same_command_line_but_another_start_time_is_not_ours()
    {
        var paths = new LocalPaths(_repository);
        Directory.CreateDirectory(paths.State);
        using var impostor = Process.Start(new ProcessStartInfo("sleep", ["30"]) { UseShellExecute = false })!; // same command line as ours would be
        await File.WriteAllTextAsync(paths.PidFile("wiremock"), $"{impostor.Id} 1");

        Assert.Null(new BackgroundProcess("wiremock", paths).RunningPid());
        Assert.False(await new BackgroundProcess("wiremock", paths).StopAsync());
        Assert.False(impostor.HasExited);
        impostor.Kill();
    }

    [Fact]
    public async Task Down_ends_the_children_a_killed_emulator_left_and_spares_a_reused_pid()
    {
        var data = Path.Combine(_repository, ".batchkit", "data");
        Directory.CreateDirectory(Path.Combine(data, ChildProcessRecords.Folder));
        // A task process as the emulator starts one: leading its own process group (setsid execs in place, same pid).
        using var orphan = Process.Start(new ProcessStartInfo("setsid", ["sleep", "300"]) { UseShellExecute = false })!;
        var identity = ProcessIdentity.Of(orphan.Id) ?? throw new InvalidOperationException("the orphan did not start");
        await File.WriteAllTextAsync(ChildProcessRecords.PathOf(data, orphan.Id), identity.ToString());
        using var stranger = Process.Start(new ProcessStartInfo("sleep", ["30"]) { UseShellExecute = false })!;
        await File.WriteAllTextAsync(ChildProcessRecords.PathOf(data, stranger.Id), $"{stranger.Id} 1"); // the pid was reused since

        var ended = LeftoverChildren.End(data);

        Assert.Equal([orphan.Id], ended);
        Assert.True(orphan.WaitForExit(TimeSpan.FromSeconds(10)), "the orphan was not killed");
        Assert.False(stranger.HasExited);
        Assert.Empty(ChildProcessRecords.Read(data));
        stranger.Kill();
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
