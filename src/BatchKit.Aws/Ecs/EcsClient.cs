using System.Text.Json.Nodes;

namespace BatchKit.Aws.Ecs;

/// <summary>
/// ECS over the AWS JSON 1.1 protocol, for exactly what BatchKit calls: requests are the botocore shapes as JSON
/// (camelCase, ecs/2014-11-13/service-2.json), so a task definition written for AWS is sent as it is.
/// RunTask's <c>failures</c> (no capacity, say) are data in the response, as in the SDK, not exceptions.
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Operations.html
/// </summary>
public sealed class EcsClient(AwsClientOptions? options = null) : IDisposable
{
    private readonly AwsJsonClient _json = new(AwsService.Ecs, options ?? new AwsClientOptions());

    /// <summary>Creates the cluster (or returns the existing one of that name, as ECS does); its ARN.</summary>
    public async Task<string> CreateClusterAsync(string clusterName, CancellationToken cancellationToken = default) =>
        (await _json.SendAsync("CreateCluster", new JsonObject { ["clusterName"] = clusterName }, cancellationToken).ConfigureAwait(false))["cluster"]!["clusterArn"]!.GetValue<string>();

    /// <summary>Registers a revision; <paramref name="taskDefinition"/> is RegisterTaskDefinitionRequest. Returns its ARN.</summary>
    public async Task<string> RegisterTaskDefinitionAsync(JsonObject taskDefinition, CancellationToken cancellationToken = default) =>
        (await _json.SendAsync("RegisterTaskDefinition", taskDefinition, cancellationToken).ConfigureAwait(false))["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>();

    /// <summary>RunTaskRequest in, RunTaskResponse out (<c>tasks</c> and <c>failures</c>).</summary>
    public Task<JsonObject> RunTaskAsync(JsonObject request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("RunTask", request, cancellationToken);

    public Task<JsonObject> DescribeTasksAsync(string cluster, IEnumerable<string> taskArns, CancellationToken cancellationToken = default) =>
        _json.SendAsync("DescribeTasks", new JsonObject { ["cluster"] = cluster, ["tasks"] = new JsonArray([.. taskArns.Select(a => (JsonNode)a)]) }, cancellationToken);

    public void Dispose() => _json.Dispose();
}
