namespace BatchKit.Aws.Ecs;

/// <summary>
/// The Amazon ECS operations BatchKit calls, named after the AWS operations so swapping in AWSSDK.ECS later is local.
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Operations.html
/// </summary>
public interface IEcsClient
{
    /// <summary>Creates the cluster, or answers the existing one of that name (ECS's CreateCluster is idempotent). Null: "default".</summary>
    Task<CreateClusterResponse> CreateClusterAsync(string? clusterName, CancellationToken cancellationToken = default);

    /// <summary>Deletes a cluster that has no active tasks.</summary>
    Task<Cluster> DeleteClusterAsync(string cluster, CancellationToken cancellationToken = default);

    /// <summary>Registers the next revision of the family.</summary>
    Task<RegisterTaskDefinitionResponse> RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest request, CancellationToken cancellationToken = default);

    /// <summary>A family (its latest ACTIVE revision), "family:revision" or an ARN.</summary>
    Task<TaskDefinition> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken = default);

    /// <summary>Marks one revision INACTIVE.</summary>
    Task<TaskDefinition> DeregisterTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts tasks. Tasks ECS could not place (capacity, say) come back in <see cref="RunTaskResponse.Failures"/>, not as
    /// an exception, exactly as the AWS API answers them; errors of the request itself (an unknown cluster) throw
    /// <see cref="AwsServiceException"/>.
    /// </summary>
    Task<RunTaskResponse> RunTaskAsync(RunTaskRequest request, CancellationToken cancellationToken = default);

    /// <summary>Up to 100 tasks by ARN or id; unknown ones come back in <see cref="DescribeTasksResponse.Failures"/> as MISSING.</summary>
    Task<DescribeTasksResponse> DescribeTasksAsync(string? cluster, IReadOnlyList<string> tasks, CancellationToken cancellationToken = default);
}
