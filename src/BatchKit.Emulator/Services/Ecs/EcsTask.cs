using System.Text;
using BatchKit.Emulator.Runtime;

namespace BatchKit.Emulator.Services.Ecs;

/// <summary>
/// One task and its running workload: lastStatus moves PROVISIONING → RUNNING → STOPPED; output is kept (bounded)
/// so a failed task explains itself.
/// </summary>
internal sealed class EcsTask(string taskArn, string clusterArn, string taskDefinitionArn, string containerName, string? startedBy, DateTimeOffset createdAt)
{
    public const string Stopped = "STOPPED";
    private const int MaxOutput = 64 * 1024;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string TaskArn => taskArn;

    /// <summary>The last segment of the ARN, as the metadata endpoint and the workload's name use it.</summary>
    public string TaskId => taskArn[(taskArn.LastIndexOf('/') + 1)..];

    /// <summary>The container's environment after overrides (the worker's S3_KEY says which store it ran).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How long StopTask waits between SIGTERM and SIGKILL.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string ClusterArn => clusterArn;

    public string TaskDefinitionArn => taskDefinitionArn;

    public string ContainerName => containerName;

    public string? StartedBy => startedBy;

    public DateTimeOffset CreatedAt => createdAt;

    public string LastStatus { get; private set; } = "PROVISIONING";

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? StoppedAt { get; private set; }

    public int? ExitCode { get; private set; }

    public string? StoppedReason { get; private set; }

    public string? StopCode { get; private set; }

    /// <summary>The running workload, from its start until it ended and was disposed (<see cref="ReleaseWorkload"/>).</summary>
    public IRunningWorkload? Workload { get; private set; }

    /// <summary>The pid or container id the task ran as (DescribeTasks' runtimeId), kept after the workload is released.</summary>
    public string? WorkloadId { get; private set; }

    /// <summary><c>process</c> or <c>container</c>: which runtime ran the task.</summary>
    public string? RuntimeKind { get; private set; }

    /// <summary>Why the container ended, when the runtime knows (Container.reason: OutOfMemoryError).</summary>
    public string? ContainerReason { get; set; }

    public Task StoppedTask => _stopped.Task;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public void Append(string line)
    {
        lock (_output)
        {
            if (_output.Length < MaxOutput)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>False when the task was stopped first (StopTask while it started): it must not run.</summary>
    public bool Running(IRunningWorkload workload, string runtimeKind, DateTimeOffset at)
    {
        lock (_stopped)
        {
            if (LastStatus == Stopped)
            {
                return false;
            }

            Workload = workload;
            WorkloadId = workload.Id;
            RuntimeKind = runtimeKind;
            LastStatus = "RUNNING";
            StartedAt = at;
            return true;
        }
    }

    /// <summary>
    /// The workload ended and was disposed: let it go, with its process handle, pipes and start environment (tens of KB
    /// a task), since the store keeps every stopped task for DescribeTasks; nothing is left to signal on a StopTask.
    /// </summary>
    public void ReleaseWorkload()
    {
        lock (_stopped)
        {
            Workload = null;
        }
    }

    /// <summary>The first stop wins: a StopTask reason is not overwritten by the exit that follows it.</summary>
    public void Stop(DateTimeOffset at, int? exitCode, string reason, string stopCode)
    {
        lock (_stopped)
        {
            if (LastStatus == Stopped)
            {
                ExitCode ??= exitCode; // the container's exit after a StopTask (143 after SIGTERM, 137 after SIGKILL)
                return;
            }

            ExitCode = exitCode;
            StoppedReason = reason;
            StopCode = stopCode;
            StoppedAt = at;
            LastStatus = Stopped;
        }

        _stopped.TrySetResult();
    }
}
