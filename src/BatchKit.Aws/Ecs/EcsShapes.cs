namespace BatchKit.Aws.Ecs;

// Request and response shapes, as botocore's ecs/2014-11-13/service-2.json names them (the members BatchKit uses).
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Types.html

/// <summary>botocore <c>KeyValuePair</c>, the member of <c>EnvironmentVariables</c>.</summary>
public sealed record EnvironmentVariable(string Name, string Value);

/// <summary>botocore <c>Tag</c>.</summary>
public sealed record Tag(string Key, string Value);

/// <summary>botocore <c>LogConfiguration</c>: e.g. <c>awslogs</c> with awslogs-group, awslogs-region, awslogs-stream-prefix.</summary>
public sealed record LogConfiguration(string LogDriver, IReadOnlyDictionary<string, string>? Options = null);

/// <summary>botocore <c>ContainerDefinition</c>.</summary>
public sealed record ContainerDefinition
{
    public required string Name { get; init; }

    public required string Image { get; init; }

    public bool? Essential { get; init; }

    public IReadOnlyList<EnvironmentVariable>? Environment { get; init; }

    public IReadOnlyList<string>? Command { get; init; }

    public LogConfiguration? LogConfiguration { get; init; }
}

/// <summary>botocore <c>RegisterTaskDefinitionRequest</c>; cpu and memory are strings on the wire ("256", "512").</summary>
public sealed record RegisterTaskDefinitionRequest
{
    public required string Family { get; init; }

    public required IReadOnlyList<ContainerDefinition> ContainerDefinitions { get; init; }

    /// <summary>e.g. ["FARGATE"].</summary>
    public IReadOnlyList<string>? RequiresCompatibilities { get; init; }

    /// <summary>bridge, host, awsvpc (Fargate requires it) or none.</summary>
    public string? NetworkMode { get; init; }

    public string? Cpu { get; init; }

    public string? Memory { get; init; }

    public string? ExecutionRoleArn { get; init; }

    public string? TaskRoleArn { get; init; }
}

/// <summary>botocore <c>TaskDefinition</c> (as RegisterTaskDefinition answers it).</summary>
public sealed record TaskDefinition(
    string TaskDefinitionArn, string Family, int Revision, string? Status, IReadOnlyList<string> RequiresCompatibilities, string? NetworkMode,
    string? Cpu, string? Memory, string? ExecutionRoleArn, string? TaskRoleArn, IReadOnlyList<ContainerDefinition> ContainerDefinitions);

public sealed record RegisterTaskDefinitionResponse(TaskDefinition TaskDefinition);

/// <summary>botocore <c>Cluster</c>.</summary>
public sealed record Cluster(string ClusterArn, string ClusterName, string? Status);

public sealed record CreateClusterResponse(Cluster Cluster);

/// <summary>botocore <c>AwsVpcConfiguration</c>: subnets are required; assignPublicIp is ENABLED or DISABLED.</summary>
public sealed record AwsVpcConfiguration(IReadOnlyList<string> Subnets, IReadOnlyList<string>? SecurityGroups = null, string? AssignPublicIp = null);

public sealed record NetworkConfiguration(AwsVpcConfiguration AwsvpcConfiguration);

/// <summary>botocore <c>ContainerOverride</c>: <c>Name</c> must name a container of the task definition.</summary>
public sealed record ContainerOverride
{
    public required string Name { get; init; }

    public IReadOnlyList<EnvironmentVariable>? Environment { get; init; }

    public IReadOnlyList<string>? Command { get; init; }
}

/// <summary>botocore <c>TaskOverride</c>.</summary>
public sealed record TaskOverride(IReadOnlyList<ContainerOverride> ContainerOverrides);

/// <summary>botocore <c>RunTaskRequest</c>. A null cluster is the account's "default" cluster, as on AWS.</summary>
public sealed record RunTaskRequest
{
    /// <summary>A family, "family:revision" or a task definition ARN.</summary>
    public required string TaskDefinition { get; init; }

    /// <summary>A cluster name or ARN.</summary>
    public string? Cluster { get; init; }

    /// <summary>EC2, FARGATE, EXTERNAL or MANAGED_INSTANCES.</summary>
    public string? LaunchType { get; init; }

    /// <summary>1 to 10 tasks (null: 1).</summary>
    public int? Count { get; init; }

    public NetworkConfiguration? NetworkConfiguration { get; init; }

    public TaskOverride? Overrides { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }
}

/// <summary>botocore <c>Container</c>: <c>ExitCode</c> is null until the container has exited (or when it never ran).</summary>
public sealed record Container(string Name, string? LastStatus, int? ExitCode, string? Reason);

/// <summary>botocore <c>Task</c> (named EcsTask here so it does not shadow System.Threading.Tasks.Task).</summary>
public sealed record EcsTask(
    string TaskArn, string? ClusterArn, string? TaskDefinitionArn, string LastStatus, string? DesiredStatus, string? StopCode, string? StoppedReason,
    DateTimeOffset? CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? StoppedAt, IReadOnlyList<Container> Containers);

/// <summary>
/// botocore <c>Failure</c>: an ARN ECS could not act on and why (RunTask: "RESOURCE:MEMORY", capacity unavailable;
/// DescribeTasks: "MISSING"). https://docs.aws.amazon.com/AmazonECS/latest/developerguide/api_failures_messages.html
/// </summary>
public sealed record Failure(string? Arn, string? Reason, string? Detail);

/// <summary>botocore <c>RunTaskResponse</c>: the started tasks and, as data, those ECS could not place.</summary>
public sealed record RunTaskResponse(IReadOnlyList<EcsTask> Tasks, IReadOnlyList<Failure> Failures);

public sealed record DescribeTasksResponse(IReadOnlyList<EcsTask> Tasks, IReadOnlyList<Failure> Failures);
