using System.Text.Json.Nodes;
using BatchKit.Emulator;
using BatchKit.Emulator.Runtime;
using Docker.DotNet.Models;

namespace BatchKit.Containers.Tests;

/// <summary>No container outlives its emulator; the container runtime without an engine refuses to start; auto picks.</summary>
public sealed class ContainerLifecycleTests
{
    [Fact]
    public async Task Disposing_the_emulator_leaves_none_of_its_containers_even_a_running_one()
    {
        await LocalImages.RequireAsync(LocalImages.Debian);
        var emulator = new EmulatorFixture();
        await emulator.InitializeAsync(o => o with { EcsRuntime = RuntimeChoice.Container });
        var ecs = new EcsCalls(emulator, "dispose");
        await ecs.CreateClusterAsync();
        await ecs.RegisterAsync("sleeper", new JsonObject
        {
            ["image"] = LocalImages.Debian,
            ["command"] = new JsonArray("/bin/sh", "-c", "echo sleeping; exec sleep 600"),
        });
        var running = await ecs.RunAsync("sleeper");
        await ecs.WaitForOutputAsync(running, "sleeping");
        var id = await ecs.RuntimeIdAsync(running);
        Assert.Contains(id, await LocalImages.ContainersAsync(_ => true));

        await emulator.DisposeAsync();

        Assert.DoesNotContain(id, await LocalImages.ContainersAsync(_ => true));
    }

    [Fact]
    public async Task An_emulator_starting_removes_containers_left_by_a_crashed_one_and_keeps_live_ones()
    {
        await LocalImages.RequireAsync(LocalImages.Debian);
        using var engine = new DockerEngine(DockerEngine.DefaultEndpoint);
        // A crashed emulator's container: labelled by a process that does not exist (pid 0 never names an emulator).
        var leftover = await CreateLabelledAsync(engine, "0-1-1");
        var live = await CreateLabelledAsync(engine, EmulatorInstance.NewId()); // this test process is alive
        try
        {
            var emulator = new EmulatorFixture();
            await emulator.InitializeAsync(o => o with { EcsRuntime = RuntimeChoice.Container });
            await emulator.DisposeAsync();

            // Emulators of other tests starting at once sweep too; one of them may still be removing it (409 for us).
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await LocalImages.ContainersAsync(_ => true)).Contains(leftover))
            {
                Assert.True(DateTime.UtcNow < deadline, $"the leftover container {leftover} is still there 30 s after the emulator started");
                await Task.Delay(50);
            }

            Assert.Contains(live, await LocalImages.ContainersAsync(_ => true));
        }
        finally
        {
            foreach (var id in new[] { leftover, live })
            {
                try
                {
                    await engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true });
                }
                catch (Docker.DotNet.DockerContainerNotFoundException)
                {
                    // Removed by the emulator, as the test expects of the leftover.
                }
            }
        }
    }

    [Fact]
    public async Task The_container_runtime_without_an_engine_fails_at_start_with_one_line_naming_the_option()
    {
        var options = new EmulatorOptions
        {
            Port = 0,
            DataDirectory = Directory.CreateTempSubdirectory("batchkit-no-engine-").FullName,
            EcsRuntime = RuntimeChoice.Container,
            DockerEndpoint = new Uri("unix:///nonexistent/docker.sock"),
        };
        try
        {
            var e = await Assert.ThrowsAsync<ContainerEngineUnavailableException>(() => EmulatorHost.StartAsync(options));

            Assert.Equal(
                "--ecs-runtime container: no Docker engine answers at unix:///nonexistent/docker.sock; " +
                "start one with `make dockerd` (scripts/dockerd.sh start)",
                e.Message);
        }
        finally
        {
            Directory.Delete(options.DataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Auto_runs_a_built_image_in_a_container_and_an_unbuilt_mapped_one_as_a_process()
    {
        await LocalImages.RequireAsync(LocalImages.Debian);
        var emulator = new EmulatorFixture();
        await emulator.InitializeAsync(o => o with
        {
            EcsRuntime = RuntimeChoice.Auto,
            EcsImageCommands = new Dictionary<string, string[]> { ["batchkit/never-built:0"] = ["/bin/sh", "-c", "echo as a process"] },
        });
        try
        {
            var ecs = new EcsCalls(emulator, "auto");
            await ecs.CreateClusterAsync();
            await ecs.RegisterAsync("built", new JsonObject { ["image"] = LocalImages.Debian, ["command"] = new JsonArray("echo", "in a container") });
            await ecs.RegisterAsync("unbuilt", new JsonObject { ["image"] = "batchkit/never-built:0" });

            var built = await ecs.WaitUntilStoppedAsync(await ecs.RunAsync("built"));
            var unbuilt = await ecs.WaitUntilStoppedAsync(await ecs.RunAsync("unbuilt"));

            Assert.Equal("container", built["attributes"]![0]!["value"]!.GetValue<string>());
            Assert.Equal("process", unbuilt["attributes"]![0]!["value"]!.GetValue<string>());
            Assert.Equal((0, 0), (built["containers"]![0]!["exitCode"]!.GetValue<int>(), unbuilt["containers"]![0]!["exitCode"]!.GetValue<int>()));
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    /// <summary>
    /// An emulator in a container is pid 1 of its own pid namespace: the pid on its containers means nothing here, and
    /// here they were once swept as leftovers while it ran (two emulator containers starting side by side removed each
    /// other's running tasks). Now such a container stays while its emulator's container runs, and goes once it stops.
    /// </summary>
    [Fact]
    public async Task A_sweep_judges_an_emulator_in_another_pid_namespace_by_its_container()
    {
        await LocalImages.RequireAsync(LocalImages.Debian);
        using var engine = new DockerEngine(DockerEngine.DefaultEndpoint);
        var emulatorContainer = await CreateLabelledAsync(engine, labels: new Dictionary<string, string> { ["batchkit.test"] = "owner" });
        Dictionary<string, string> Elsewhere(string? container)
        {
            // pid 1 of another namespace: here it is init, with another start time
            var labels = new Dictionary<string, string> { [EmulatorInstance.Label] = "1-4242-1", [EmulatorInstance.PidNamespaceLabel] = "pid:[1]" };
            if (container is not null)
            {
                labels[EmulatorInstance.ContainerLabel] = container;
            }

            return labels;
        }

        var task = await CreateLabelledAsync(engine, labels: Elsewhere(emulatorContainer));
        var unjudgeable = await CreateLabelledAsync(engine, labels: Elsewhere(null));
        try
        {
            await engine.RemoveLeftoversAsync(CancellationToken.None);
            Assert.Contains(task, await LocalImages.ContainersAsync(_ => true));
            Assert.Contains(unjudgeable, await LocalImages.ContainersAsync(_ => true));

            await engine.Client.Containers.RemoveContainerAsync(emulatorContainer, new ContainerRemoveParameters { Force = true });
            await engine.RemoveLeftoversAsync(CancellationToken.None);

            Assert.DoesNotContain(task, await LocalImages.ContainersAsync(_ => true));
            Assert.Contains(unjudgeable, await LocalImages.ContainersAsync(_ => true));
        }
        finally
        {
            foreach (var id in new[] { emulatorContainer, task, unjudgeable })
            {
                try
                {
                    await engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true });
                }
                catch (Docker.DotNet.DockerContainerNotFoundException)
                {
                    // Removed by the test itself or by the sweep, as expected of the owner and its task.
                }
            }
        }
    }

    private static Task<string> CreateLabelledAsync(DockerEngine engine, string owner) =>
        CreateLabelledAsync(engine, new Dictionary<string, string> { [EmulatorInstance.Label] = owner });

    private static async Task<string> CreateLabelledAsync(DockerEngine engine, Dictionary<string, string> labels)
    {
        var created = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = LocalImages.Debian,
            Cmd = ["sleep", "600"],
            Labels = labels,
            HostConfig = new HostConfig { NetworkMode = "host" },
        });
        try
        {
            await engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        }
        catch (Docker.DotNet.DockerContainerNotFoundException)
        {
            // A dead owner's container: an emulator of another test project starting at this moment swept it already,
            // which is the behaviour under test. The test then proves it stays gone once its own emulator has started.
        }

        return created.ID;
    }
}
