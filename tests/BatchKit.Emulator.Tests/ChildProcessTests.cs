using System.Diagnostics;
using System.Text.Json.Nodes;
using BatchKit.Contracts.Processes;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// Issue 12, item 6: the emulator's child processes end with it, even when it is killed with SIGKILL; they are recorded
/// by pid and start time, and what a killed emulator left is ended by its next start, never a process that reused a pid.
/// </summary>
public sealed class ChildProcessTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-children-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task A_task_process_ends_with_an_emulator_killed_by_SIGKILL()
    {
        ProcessIdentity task;
        await using (var emulator = await EmulatorProcess.StartAsync(_data, "--ecs-image", "sleeper=/bin/sleep"))
        {
            using var client = new EndpointClient(emulator.Endpoint);
            await client.OkAsync("AmazonEC2ContainerServiceV20141113.CreateCluster", "ecs", new JsonObject { ["clusterName"] = "c" });
            await client.OkAsync("AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition", "ecs", new JsonObject
            {
                ["family"] = "sleeps",
                ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "sleeper", ["command"] = new JsonArray("300") }),
            });
            await client.OkAsync("AmazonEC2ContainerServiceV20141113.RunTask", "ecs", new JsonObject { ["cluster"] = "c", ["taskDefinition"] = "sleeps", ["launchType"] = "FARGATE" });
            task = await Eventually.ValueAsync(
                () => Task.FromResult(ChildProcessRecords.Read(_data).Select(r => r.Identity).SingleOrDefault()), i => i is not null && i.IsAlive, "the task's child record")
                ?? throw new InvalidOperationException("no child record");
            emulator.Kill();
        }

        await Eventually.ValueAsync(() => Task.FromResult(task.IsAlive), alive => !alive, $"the task process {task.Pid} ending with its emulator", TimeSpan.FromSeconds(10));
        Assert.Single(ChildProcessRecords.Read(_data)); // the killed emulator could not remove it; the next start does
        await using var restarted = await EmulatorProcess.StartAsync(_data);
        Assert.Empty(ChildProcessRecords.Read(_data));
    }

    [Fact]
    public async Task The_next_start_ends_a_recorded_child_that_still_runs_and_spares_a_reused_pid()
    {
        using var orphan = Process.Start(new ProcessStartInfo("setsid", ["sleep", "300"]) { UseShellExecute = false })!;
        using var stranger = Process.Start(new ProcessStartInfo("sleep", ["300"]) { UseShellExecute = false })!;
        try
        {
            Directory.CreateDirectory(Path.Combine(_data, ChildProcessRecords.Folder));
            var identity = ProcessIdentity.Of(orphan.Id) ?? throw new InvalidOperationException("the orphan did not start");
            await File.WriteAllTextAsync(ChildProcessRecords.PathOf(_data, orphan.Id), identity.ToString());
            await File.WriteAllTextAsync(ChildProcessRecords.PathOf(_data, stranger.Id), $"{stranger.Id} 1"); // the pid was reused since

            await using var emulator = await EmulatorProcess.StartAsync(_data);

            Assert.True(orphan.WaitForExit(TimeSpan.FromSeconds(10)), "the recorded child was not ended");
            Assert.False(stranger.HasExited);
            Assert.Empty(ChildProcessRecords.Read(_data));
        }
        finally
        {
            orphan.Kill();
            stranger.Kill();
        }
    }
}
