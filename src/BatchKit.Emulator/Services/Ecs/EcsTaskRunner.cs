using BatchKit.Emulator.Runtime;
using BatchKit.Emulator.Services.Logs;

namespace BatchKit.Emulator.Services.Ecs;

/// <summary>
/// Runs a task's container through the emulator's workload launcher (a local process or a real container). The
/// container finds what a Fargate task finds: the definition's environment with the overrides, the endpoint and
/// credentials of this emulator, and the task metadata endpoint v4. A semaphore caps concurrent tasks; the rest wait
/// in PROVISIONING. Each task is stopped by its own workload id, on StopTask and when the emulator shuts down.
/// <paramref name="statusChanged"/> is told when a task starts running or stops (the viewer's live updates).
/// </summary>
internal sealed class EcsTaskRunner(
    IWorkloadLauncher launcher, EmulatorEndpoint endpoint, EmulatorOptions options, TimeProvider time, Action? statusChanged = null)
    : IAsyncDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.MaxConcurrentTasks));
    private readonly BackgroundWork _work = new();

    /// <summary>Where a container with the awslogs driver writes its output (none: the task's own output only).</summary>
    public LogsIngest? Logs { get; init; }

    public void Start(EcsTask task, EcsContainerLaunch container) => _work.Start(() => RunAsync(task, container));

    /// <summary>
    /// StopTask: the task is STOPPED at once with the caller's reason; its container gets SIGTERM, then SIGKILL after
    /// the container's stopTimeout. https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StopTask.html
    /// </summary>
    public void Stop(EcsTask task, string reason)
    {
        task.Stop(time.GetUtcNow(), null, reason, EcsStopCode.UserInitiated);
        statusChanged?.Invoke();
        if (task.Workload is { } workload)
        {
            _work.Start(() => workload.StopAsync(task.StopTimeout));
        }
    }

    private async Task RunAsync(EcsTask task, EcsContainerLaunch container)
    {
        try
        {
            await _slots.WaitAsync(_work.Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            task.Stop(time.GetUtcNow(), null, "Task stopped: the emulator shut down before it started", EcsStopCode.TaskFailedToStart);
            return;
        }

        try
        {
            if (task.LastStatus == EcsTask.Stopped)
            {
                return; // StopTask while it waited for a slot: never start it.
            }

            await RunLaunchedAsync(task, container).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
            statusChanged?.Invoke();
        }
    }

    private async Task RunLaunchedAsync(EcsTask task, EcsContainerLaunch container)
    {
        IRunningWorkload workload;
        try
        {
            workload = await launcher.LaunchAsync(Spec(task, container), _work.Stopping).ConfigureAwait(false);
        }
        catch (WorkloadStartException e)
        {
            task.Append(e.Reason);
            task.Stop(time.GetUtcNow(), null, e.Reason, EcsStopCode.TaskFailedToStart);
            return;
        }

        await using (workload.ConfigureAwait(false))
        {
            if (!task.Running(workload, workload.Kind, time.GetUtcNow()))
            {
                return; // Stopped between the check and the start: disposing the workload ends it.
            }

            statusChanged?.Invoke();

            try
            {
                var exit = await workload.Exited.WaitAsync(_work.Stopping).ConfigureAwait(false);
                // ECS puts why the container ended (OutOfMemoryError) on the container, and this on the task.
                // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html
                task.ContainerReason = exit.Reason;
                task.Stop(time.GetUtcNow(), exit.ExitCode, "Essential container in task exited", EcsStopCode.EssentialContainerExited);
            }
            catch (OperationCanceledException)
            {
                task.Stop(time.GetUtcNow(), null, "Task stopped: the emulator shut down", EcsStopCode.TaskFailedToStart);
            }
        }

        task.ReleaseWorkload();
    }

    private WorkloadSpec Spec(EcsTask task, EcsContainerLaunch container)
    {
        var environment = endpoint.WorkloadEnvironment(options.Region);
        environment["ECS_CONTAINER_METADATA_URI_V4"] = $"{endpoint.Url.ToString().TrimEnd('/')}/_batchkit/ecs/metadata/{task.TaskId}";
        foreach (var (name, value) in container.Environment)
        {
            environment[name] = value;
        }

        return new WorkloadSpec
        {
            Name = "ecs-task-" + task.TaskId,
            Image = container.Image,
            EntryPoint = container.EntryPoint,
            Command = container.Command,
            Environment = environment,
            User = container.User,
            CpuUnits = container.CpuUnits,
            MemoryMiB = container.MemoryMiB,
            Output = Output(task, container),
        };
    }

    /// <summary>Each line of the container's output: kept on the task (the viewer) and, with awslogs, sent to its stream.</summary>
    private Action<string> Output(EcsTask task, EcsContainerLaunch container)
    {
        if (Logs is null || container.AwsLogs is not { } awslogs)
        {
            return task.Append;
        }

        var stream = Logs.Stream(awslogs.Group, container.AwsLogsStream(task.ContainerName, task.TaskId));
        return line =>
        {
            task.Append(line);
            stream.Write(line);
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _work.DisposeAsync().ConfigureAwait(false); // cancels and awaits every task; each disposes its workload
        _slots.Dispose();
    }
}
