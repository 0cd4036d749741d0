using System.Text;

namespace BatchKit.Emulator.Services.Ecs;

/// <summary>
/// One task and its local process: lastStatus moves PROVISIONING → RUNNING → STOPPED; output is kept (bounded)
/// so a failed task explains itself.
/// </summary>
internal sealed class EcsTask(string taskArn, string clusterArn, string taskDefinitionArn, string containerName, string? startedBy, DateTimeOffset createdAt)
{
    private const int MaxOutput = 64 * 1024;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string TaskArn => taskArn;

    /// <summary>The container's environment after overrides (the worker's S3_KEY says which store it ran).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

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

    public int? ProcessId { get; set; }

    public Task Stopped => _stopped.Task;

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

    /// <summary>False when the task was stopped first (StopTask while it waited in PROVISIONING): it must not run.</summary>
    public bool Running(DateTimeOffset at)
    {
        lock (_stopped)
        {
            if (LastStatus == "STOPPED")
            {
                return false;
            }

            LastStatus = "RUNNING";
            StartedAt = at;
            return true;
        }
    }

    public void Stop(DateTimeOffset at, int? exitCode, string reason)
    {
        lock (_stopped)
        {
            if (LastStatus == "STOPPED")
            {
                return;
            }

            ExitCode = exitCode;
            StoppedReason = reason;
            StoppedAt = at;
            LastStatus = "STOPPED";
        }

        _stopped.TrySetResult();
    }
}
