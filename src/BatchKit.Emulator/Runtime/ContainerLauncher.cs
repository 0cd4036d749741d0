using Docker.DotNet;
using Docker.DotNet.Models;

namespace BatchKit.Emulator.Runtime;

/// <summary>
/// The <c>container</c> runtime: a workload is a real container of its image, made through the Docker engine API.
/// It gets what a Fargate task gets: host networking only (awsvpc gives a task its own interface; here every byte stays
/// on 127.0.0.1, where the emulator listens), the environment, entry point, command, user and working directory, the
/// cpu as a hard limit (Fargate's is one) and the memory as a hard limit without swap, so a container over it is
/// OOM-killed: exit 137, OutOfMemoryError. Each container is labelled with its emulator's <paramref name="owner"/>
/// (<see cref="EmulatorInstance"/>).
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definitions
/// </summary>
internal sealed class ContainerLauncher(DockerEngine engine, string owner) : IWorkloadLauncher
{
    public const string KindName = "container";

    public string Kind => KindName;

    public async Task<IRunningWorkload> LaunchAsync(WorkloadSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!await engine.HasImageAsync(spec.Image, cancellationToken).ConfigureAwait(false))
        {
            // ECS's words for an image it cannot get; here nothing is pulled, so say how to build it.
            // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html
            throw new WorkloadStartException(
                $"CannotPullContainerError: pull image manifest has been retried 0 time(s): the image '{spec.Image}' is not present " +
                "in the local Docker engine and no registry is reachable; build it with `make images` (scripts/images.sh)");
        }

        string id;
        try
        {
            var created = await engine.Client.Containers.CreateContainerAsync(Parameters(spec, owner), cancellationToken).ConfigureAwait(false);
            id = created.ID;
        }
        catch (DockerApiException e)
        {
            throw new WorkloadStartException($"CannotCreateContainerError: {e.ResponseBody?.Trim() ?? e.Message}", e);
        }

        try
        {
            await engine.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            await engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None)
                .ConfigureAwait(false);
            throw new WorkloadStartException($"CannotStartContainerError: {e.ResponseBody?.Trim() ?? e.Message}", e);
        }

        return new RunningContainer(engine.Client, id, spec.Output);
    }

    private static CreateContainerParameters Parameters(WorkloadSpec spec, string owner) => new()
    {
        Name = "batchkit-" + spec.Name,
        Image = spec.Image,
        Entrypoint = spec.EntryPoint.Count > 0 ? [.. spec.EntryPoint] : null,
        Cmd = spec.Command.Count > 0 ? [.. spec.Command] : null,
        Env = [.. spec.Environment.Select(e => $"{e.Key}={e.Value}")],
        User = spec.User,
        WorkingDir = spec.WorkingDirectory,
        Labels = new Dictionary<string, string>(EmulatorInstance.Labels(owner)) { ["batchkit.workload"] = spec.Name },
        HostConfig = new HostConfig
        {
            NetworkMode = "host",
            // ECS counts 1,024 cpu units to a vCPU.
            NanoCPUs = spec.CpuUnits is { } units ? units * 1_000_000_000L / 1024 : 0,
            Memory = spec.MemoryMiB is { } mib ? mib * 1024L * 1024L : 0,
            MemorySwap = spec.MemoryMiB is { } limit ? limit * 1024L * 1024L : 0,
            Binds = [.. spec.Mounts.Select(m => $"{m.HostPath}:{m.ContainerPath}{(m.ReadOnly ? ":ro" : "")}")],
        },
    };
}
