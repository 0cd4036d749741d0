using System.Text.Json.Nodes;

namespace BatchKit.Aws.Ecs;

/// <summary>
/// Amazon ECS over the AWS JSON 1.1 protocol (see <see cref="AwsJsonClient"/>). Requests are written with botocore's
/// member names (camelCase); absent optional members are left out of the JSON, as the SDKs do. Bad input is refused
/// before anything is sent, with the AWS limit it breaks.
/// </summary>
public sealed class EcsClient(AwsClientOptions? options = null) : IEcsClient, IDisposable
{
    private readonly AwsJsonClient _json = new(AwsService.Ecs, options ?? new AwsClientOptions());

    public Uri Endpoint => _json.Endpoint;

    /// <summary>https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html</summary>
    public async Task<CreateClusterResponse> CreateClusterAsync(string? clusterName, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject();
        Set(request, "clusterName", clusterName);
        var r = await _json.SendAsync("CreateCluster", request, cancellationToken).ConfigureAwait(false);
        var cluster = r["cluster"] ?? throw Malformed("CreateCluster", "cluster");
        return new CreateClusterResponse(new Cluster(Required(cluster, "clusterArn"), Required(cluster, "clusterName"), Text(cluster["status"])));
    }

    /// <summary>https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html</summary>
    public async Task<RegisterTaskDefinitionResponse> RegisterTaskDefinitionAsync(
        RegisterTaskDefinitionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var json = new JsonObject { ["family"] = request.Family };
        Set(json, "taskRoleArn", request.TaskRoleArn);
        Set(json, "executionRoleArn", request.ExecutionRoleArn);
        Set(json, "networkMode", request.NetworkMode);
        json["containerDefinitions"] = Array(request.ContainerDefinitions, ToJson);
        Set(json, "requiresCompatibilities", request.RequiresCompatibilities is { } compatibilities ? Strings(compatibilities) : null);
        Set(json, "cpu", request.Cpu);
        Set(json, "memory", request.Memory);

        var r = await _json.SendAsync("RegisterTaskDefinition", json, cancellationToken).ConfigureAwait(false);
        return new RegisterTaskDefinitionResponse(TaskDefinitionFrom("RegisterTaskDefinition", r));
    }

    /// <summary>
    /// "family" (its latest ACTIVE revision), "family:revision" or an ARN.
    /// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTaskDefinition.html
    /// </summary>
    public async Task<TaskDefinition> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskDefinition);
        var request = new JsonObject { ["taskDefinition"] = taskDefinition };
        var r = await _json.SendAsync("DescribeTaskDefinition", request, cancellationToken).ConfigureAwait(false);
        return TaskDefinitionFrom("DescribeTaskDefinition", r);
    }

    /// <summary>
    /// Marks one revision ("family:revision" or an ARN) INACTIVE.
    /// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeregisterTaskDefinition.html
    /// </summary>
    public async Task<TaskDefinition> DeregisterTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskDefinition);
        var request = new JsonObject { ["taskDefinition"] = taskDefinition };
        var r = await _json.SendAsync("DeregisterTaskDefinition", request, cancellationToken).ConfigureAwait(false);
        return TaskDefinitionFrom("DeregisterTaskDefinition", r);
    }

    /// <summary>https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeleteCluster.html</summary>
    public async Task<Cluster> DeleteClusterAsync(string cluster, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cluster);
        var r = await _json.SendAsync("DeleteCluster", new JsonObject { ["cluster"] = cluster }, cancellationToken).ConfigureAwait(false);
        var c = r["cluster"] ?? throw Malformed("DeleteCluster", "cluster");
        return new Cluster(Required(c, "clusterArn"), Required(c, "clusterName"), Text(c["status"]));
    }

    /// <summary>https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html</summary>
    public async Task<RunTaskResponse> RunTaskAsync(RunTaskRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var json = new JsonObject();
        Set(json, "cluster", request.Cluster);
        Set(json, "count", request.Count);
        Set(json, "launchType", request.LaunchType);
        if (request.NetworkConfiguration?.AwsvpcConfiguration is { } vpc)
        {
            var awsvpc = new JsonObject { ["subnets"] = Strings(vpc.Subnets) };
            Set(awsvpc, "securityGroups", vpc.SecurityGroups is { } groups ? Strings(groups) : null);
            Set(awsvpc, "assignPublicIp", vpc.AssignPublicIp);
            json["networkConfiguration"] = new JsonObject { ["awsvpcConfiguration"] = awsvpc };
        }

        if (request.Overrides is { } overrides)
        {
            json["overrides"] = new JsonObject { ["containerOverrides"] = Array(overrides.ContainerOverrides, ToJson) };
        }

        Set(json, "tags", request.Tags is { } tags ? Array(tags, t => new JsonObject { ["key"] = t.Key, ["value"] = t.Value }) : null);
        json["taskDefinition"] = request.TaskDefinition;

        var r = await _json.SendAsync("RunTask", json, cancellationToken).ConfigureAwait(false);
        return new RunTaskResponse(Tasks(r), Failures(r));
    }

    /// <summary>https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTasks.html</summary>
    public async Task<DescribeTasksResponse> DescribeTasksAsync(string? cluster, IReadOnlyList<string> tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count is 0 or > 100 || tasks.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"DescribeTasks takes 1 to 100 task ARNs or ids, none empty (got {tasks.Count}).", nameof(tasks));
        }

        var json = new JsonObject();
        Set(json, "cluster", cluster);
        json["tasks"] = Strings(tasks);
        var r = await _json.SendAsync("DescribeTasks", json, cancellationToken).ConfigureAwait(false);
        return new DescribeTasksResponse(Tasks(r), Failures(r));
    }

    public void Dispose() => _json.Dispose();

    private static void Validate(RegisterTaskDefinitionRequest request)
    {
        // Family: up to 255 letters (upper and lowercase), numbers, underscores and hyphens (RegisterTaskDefinition docs).
        if (string.IsNullOrEmpty(request.Family) || request.Family.Length > 255 || !request.Family.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException(
                $"The task definition family '{request.Family}' must be 1 to 255 letters, digits, hyphens or underscores.", nameof(request));
        }

        if (request.ContainerDefinitions is null || request.ContainerDefinitions.Count == 0)
        {
            throw new ArgumentException($"The task definition '{request.Family}' needs at least one container definition.", nameof(request));
        }

        foreach (var container in request.ContainerDefinitions)
        {
            if (string.IsNullOrWhiteSpace(container.Name) || string.IsNullOrWhiteSpace(container.Image))
            {
                throw new ArgumentException(
                    $"Every container of the task definition '{request.Family}' needs a name and an image (got name '{container.Name}', image "
                    + $"'{container.Image}').", nameof(request));
            }
        }

        var duplicate = request.ContainerDefinitions.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The task definition '{request.Family}' names the container '{duplicate.Key}' more than once.", nameof(request));
        }
    }

    private static void Validate(RunTaskRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.TaskDefinition))
        {
            throw new ArgumentException("RunTask needs a task definition (family, family:revision or ARN).", nameof(request));
        }

        if (request.Count is < 1 or > 10)
        {
            throw new ArgumentException($"RunTask starts 1 to 10 tasks per call (count was {request.Count}).", nameof(request));
        }

        if (request.NetworkConfiguration?.AwsvpcConfiguration is { } vpc && (vpc.Subnets is null || vpc.Subnets.Count == 0))
        {
            throw new ArgumentException("awsvpcConfiguration needs at least one subnet.", nameof(request));
        }

        if (request.Overrides?.ContainerOverrides.FirstOrDefault(o => string.IsNullOrWhiteSpace(o.Name)) is not null)
        {
            throw new ArgumentException("Every container override must name the container it overrides.", nameof(request));
        }
    }

    private static JsonObject ToJson(ContainerDefinition container)
    {
        var json = new JsonObject { ["name"] = container.Name, ["image"] = container.Image };
        Set(json, "essential", container.Essential);
        Set(json, "command", container.Command is { } command ? Strings(command) : null);
        Set(json, "environment", container.Environment is { } environment ? Array(environment, ToJson) : null);
        if (container.LogConfiguration is { } log)
        {
            var logJson = new JsonObject { ["logDriver"] = log.LogDriver };
            if (log.Options is { } logOptions)
            {
                logJson["options"] = new JsonObject(logOptions.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value)));
            }

            json["logConfiguration"] = logJson;
        }

        return json;
    }

    private static JsonObject ToJson(ContainerOverride container)
    {
        var json = new JsonObject { ["name"] = container.Name };
        Set(json, "command", container.Command is { } command ? Strings(command) : null);
        Set(json, "environment", container.Environment is { } environment ? Array(environment, ToJson) : null);
        return json;
    }

    private static JsonObject ToJson(EnvironmentVariable variable) => new() { ["name"] = variable.Name, ["value"] = variable.Value };

    private static TaskDefinition TaskDefinitionFrom(string operation, JsonObject response)
    {
        var d = response["taskDefinition"] ?? throw Malformed(operation, "taskDefinition");
        return new TaskDefinition(
            Required(d, "taskDefinitionArn"), Required(d, "family"), d["revision"]?.GetValue<int>() ?? throw Malformed(operation, "taskDefinition.revision"),
            Text(d["status"]), StringList(d["requiresCompatibilities"]), Text(d["networkMode"]), Text(d["cpu"]), Text(d["memory"]),
            Text(d["executionRoleArn"]), Text(d["taskRoleArn"]), [.. (d["containerDefinitions"] as JsonArray ?? []).Select(c => ContainerDefinitionFrom(c!))]);
    }

    private static ContainerDefinition ContainerDefinitionFrom(JsonNode c)
    {
        LogConfiguration? log = null;
        if (c["logConfiguration"] is JsonObject logJson)
        {
            log = new LogConfiguration(Required(logJson, "logDriver"),
                (logJson["options"] as JsonObject)?.ToDictionary(o => o.Key, o => o.Value!.GetValue<string>(), StringComparer.Ordinal));
        }

        return new ContainerDefinition
        {
            Name = Required(c, "name"),
            Image = Required(c, "image"),
            Essential = c["essential"]?.GetValue<bool>(),
            Command = c["command"] is JsonArray command ? StringList(command) : null,
            Environment = c["environment"] is JsonArray environment ? Variables(environment) : null,
            LogConfiguration = log,
        };
    }

    private static List<EnvironmentVariable> Variables(JsonArray environment) =>
        [.. environment.Select(e => new EnvironmentVariable(Required(e!, "name"), Text(e!["value"]) ?? ""))];

    private static List<EcsTask> Tasks(JsonObject response) =>
        [.. (response["tasks"] as JsonArray ?? []).Select(t => new EcsTask(
            Required(t!, "taskArn"), Text(t!["clusterArn"]), Text(t["taskDefinitionArn"]), Required(t, "lastStatus"), Text(t["desiredStatus"]),
            Text(t["stopCode"]), Text(t["stoppedReason"]), Date(t["createdAt"]), Date(t["startedAt"]), Date(t["stoppedAt"]),
            [.. (t["containers"] as JsonArray ?? []).Select(c =>
                new Container(Required(c!, "name"), Text(c!["lastStatus"]), c["exitCode"]?.GetValue<int>(), Text(c["reason"])))]))];

    private static List<Failure> Failures(JsonObject response) =>
        [.. (response["failures"] as JsonArray ?? []).Select(f => new Failure(Text(f!["arn"]), Text(f["reason"]), Text(f["detail"])))];

    private static void Set(JsonObject json, string name, JsonNode? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);

    private static JsonArray Array<T>(IEnumerable<T> values, Func<T, JsonObject> toJson) => new([.. values.Select(v => (JsonNode?)toJson(v))]);

    private static List<string> StringList(JsonNode? node) => [.. (node as JsonArray ?? []).Select(v => v!.GetValue<string>())];

    /// <summary>The JSON protocol sends timestamps as epoch seconds (with a fraction).</summary>
    private static DateTimeOffset? Date(JsonNode? node) =>
        node is null ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)(node.GetValue<double>() * 1000));

    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    private static string Required(JsonNode node, string name) => Text(node[name]) ?? throw Malformed("ECS", name);

    private static AwsServiceException Malformed(string operation, string member) =>
        new("MalformedResponse", $"The {operation} response lacks '{member}'.", System.Net.HttpStatusCode.OK, null);
}
