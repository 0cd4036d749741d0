namespace BatchKit.Emulator.Services.Ecs;

/// <summary>
/// A task's essential container as RunTask resolved it: the task definition's container with the overrides applied.
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerOverride.html
/// </summary>
internal sealed record EcsContainerLaunch(string Image)
{
    public IReadOnlyList<string> EntryPoint { get; init; } = [];

    public IReadOnlyList<string> Command { get; init; } = [];

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? User { get; init; }

    public int? CpuUnits { get; init; }

    public int? MemoryMiB { get; init; }

    /// <summary>Seconds between SIGTERM and SIGKILL on StopTask (ContainerDefinition.stopTimeout; 30 on Fargate).</summary>
    public int StopTimeoutSeconds { get; init; } = 30;

    /// <summary>
    /// The awslogs driver's group and stream prefix (logConfiguration.options <c>awslogs-group</c>, <c>awslogs-stream-prefix</c>),
    /// or null when the container logs elsewhere. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
    /// </summary>
    public (string Group, string? StreamPrefix)? AwsLogs { get; init; }

    /// <summary>The awslogs stream of one task: <c>prefix/container/taskId</c>, or the task id without a prefix.</summary>
    public string AwsLogsStream(string containerName, string taskId) =>
        AwsLogs?.StreamPrefix is { Length: > 0 } prefix ? $"{prefix}/{containerName}/{taskId}" : taskId;
}
