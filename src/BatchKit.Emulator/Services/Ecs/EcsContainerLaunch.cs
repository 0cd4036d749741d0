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
}
