using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Ecs;

/// <summary>
/// Amazon ECS (Fargate launch type), where a task is a local child process: one method per operation, named after it.
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Operations.html
/// </summary>
internal sealed partial class EcsProvider(EcsStore store, EcsTaskRunner runner, EmulatorOptions options, TimeProvider time) : IJsonService
{
    private Dictionary<string, Func<JsonObject, JsonObject>>? _handlers;

    public string TargetPrefix => "AmazonEC2ContainerServiceV20141113";

    public string ContentType => "application/x-amz-json-1.1";

    public string SigningName => "ecs";

    public string ModelName => "ecs";

    public long MaxRequestBytes => 1 << 20;

    public IReadOnlyCollection<string> Operations => Handlers.Keys;

    private Dictionary<string, Func<JsonObject, JsonObject>> Handlers => _handlers ??= new(StringComparer.Ordinal)
    {
        ["CreateCluster"] = CreateCluster,
        ["ListClusters"] = ListClusters,
        ["DescribeClusters"] = DescribeClusters,
        ["RegisterTaskDefinition"] = RegisterTaskDefinition,
        ["DescribeTaskDefinition"] = DescribeTaskDefinition,
        ["RunTask"] = RunTask,
        ["DescribeTasks"] = DescribeTasks,
        ["ListTasks"] = ListTasks,
        ["StopTask"] = StopTask,
        ["DeleteCluster"] = DeleteCluster,
        ["ListTaskDefinitions"] = ListTaskDefinitions,
        ["ListTaskDefinitionFamilies"] = ListTaskDefinitionFamilies,
        ["DeregisterTaskDefinition"] = DeregisterTaskDefinition,
    };

    public Task<JsonNode?> InvokeAsync(string operation, JsonObject request, CancellationToken cancellationToken) =>
        Handlers.TryGetValue(operation, out var handler)
            ? Task.FromResult<JsonNode?>(handler(request))
            : throw new ServiceErrorException("UnknownOperationException", $"The operation {operation} is not supported by BatchKit's ECS emulation.");

    public JsonObject CreateCluster(JsonObject request)
    {
        var name = request["clusterName"]?.GetValue<string>() ?? "default";
        if (!ClusterNamePattern().IsMatch(name))
        {
            throw EcsErrors.InvalidParameter("Cluster name may contain up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens.");
        }

        var arn = store.Clusters.GetOrAdd(name, ClusterArn);
        return new JsonObject { ["cluster"] = new JsonObject { ["clusterArn"] = arn, ["clusterName"] = name, ["status"] = "ACTIVE" } };
    }

    public JsonObject RegisterTaskDefinition(JsonObject request)
    {
        var family = request["family"]?.GetValue<string>() ?? throw EcsErrors.Client("family is required");
        if (request["containerDefinitions"] is not JsonArray { Count: > 0 } containers || containers.Any(c => c?["image"] is null || c["name"] is null))
        {
            throw EcsErrors.Client("containerDefinitions must hold at least one container with a name and an image");
        }

        var revisions = store.TaskDefinitions.GetOrAdd(family, _ => []);
        JsonObject definition;
        lock (revisions)
        {
            definition = (JsonObject)request.DeepClone();
            definition["revision"] = revisions.Count + 1;
            definition["taskDefinitionArn"] = $"arn:aws:ecs:{options.Region}:{options.AccountId}:task-definition/{family}:{revisions.Count + 1}";
            definition["status"] = "ACTIVE";
            revisions.Add(definition);
            store.TaskDefinitions.Save(family); // on the disk before RegisterTaskDefinition answers
        }

        return new JsonObject { ["taskDefinition"] = definition.DeepClone() };
    }

    public JsonObject DescribeTaskDefinition(JsonObject request) =>
        new() { ["taskDefinition"] = Definition(request["taskDefinition"]?.GetValue<string>() ?? "").DeepClone() };

    /// <summary>
    /// The task metadata endpoint v4 a container finds at <c>ECS_CONTAINER_METADATA_URI_V4</c>: <c>{uri}</c> describes
    /// the container, <c>{uri}/task</c> the task (the fields a program typically reads: ARNs, family, revision,
    /// status, launch type). https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4-fargate.html
    /// </summary>
    public JsonObject? TaskMetadata(string taskId, bool task)
    {
        if (store.Tasks.Values.FirstOrDefault(t => t.TaskArn.EndsWith("/" + taskId, StringComparison.Ordinal)) is not { } found)
        {
            return null;
        }

        var definition = found.TaskDefinitionArn[(found.TaskDefinitionArn.IndexOf('/', StringComparison.Ordinal) + 1)..].Split(':');
        var container = new JsonObject
        {
            ["DockerId"] = taskId + "-0",
            ["Name"] = found.ContainerName,
            ["DesiredStatus"] = found.LastStatus == "STOPPED" ? "STOPPED" : "RUNNING",
            ["KnownStatus"] = found.LastStatus,
            ["Labels"] = new JsonObject
            {
                ["com.amazonaws.ecs.cluster"] = found.ClusterArn,
                ["com.amazonaws.ecs.container-name"] = found.ContainerName,
                ["com.amazonaws.ecs.task-arn"] = found.TaskArn,
                ["com.amazonaws.ecs.task-definition-family"] = definition[0],
                ["com.amazonaws.ecs.task-definition-version"] = definition.Length > 1 ? definition[1] : "1",
            },
        };
        return !task ? container : new JsonObject
        {
            ["Cluster"] = found.ClusterArn,
            ["TaskARN"] = found.TaskArn,
            ["Family"] = definition[0],
            ["Revision"] = definition.Length > 1 ? definition[1] : "1",
            ["DesiredStatus"] = container["DesiredStatus"]!.DeepClone(),
            ["KnownStatus"] = found.LastStatus,
            ["LaunchType"] = "FARGATE",
            ["AvailabilityZone"] = options.Region + "a",
            ["Containers"] = new JsonArray(container),
        };
    }

    /// <summary>
    /// BatchKit's read-out of task output (CloudWatch Logs on AWS): <c>GET /_batchkit/ecs/tasks[?environment=NAME=PREFIX]</c>
    /// lists every task, or those whose variable NAME starts with PREFIX, with its status, exit code, environment and output.
    /// </summary>
    public JsonObject ListTaskOutputs(string? variable, string? prefix) => new()
    {
        ["tasks"] = new JsonArray([.. store.Tasks.Values
            .Where(t => variable is null || (t.Environment.TryGetValue(variable, out var value) && value.StartsWith(prefix ?? "", StringComparison.Ordinal)))
            .OrderBy(t => t.CreatedAt)
            .Select(t => (JsonNode)new JsonObject
            {
                ["taskArn"] = t.TaskArn,
                ["lastStatus"] = t.LastStatus,
                ["exitCode"] = t.ExitCode,
                ["stoppedReason"] = t.StoppedReason,
                ["environment"] = new JsonObject([.. t.Environment.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))]),
                ["runtime"] = t.RuntimeKind,
                ["output"] = t.Output,
            })]),
    };

    /// <summary>https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html</summary>
    public JsonObject RunTask(JsonObject request)
    {
        var clusterArn = Cluster(request["cluster"]?.GetValue<string>() ?? "default");
        var definition = Definition(request["taskDefinition"]?.GetValue<string>() ?? throw EcsErrors.InvalidParameter("taskDefinition is required"));
        var count = request["count"]?.GetValue<int>() ?? 1;
        if (count is < 1 or > 10)
        {
            throw EcsErrors.InvalidParameter("count must be between 1 and 10");
        }

        var container = definition["containerDefinitions"]![0]!.AsObject();
        var containerName = container["name"]!.GetValue<string>();
        var launch = ContainerLaunch(definition, container, request["overrides"]?["containerOverrides"] as JsonArray ?? []);
        var tasks = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var task = new EcsTask($"{clusterArn.Replace(":cluster/", ":task/", StringComparison.Ordinal)}/{Guid.NewGuid():N}", clusterArn,
                definition["taskDefinitionArn"]!.GetValue<string>(), containerName, request["startedBy"]?.GetValue<string>(), time.GetUtcNow())
            {
                Environment = launch.Environment,
                StopTimeout = TimeSpan.FromSeconds(launch.StopTimeoutSeconds),
            };
            store.Tasks[task.TaskArn] = task;
            runner.Start(task, launch);
            tasks.Add((JsonNode)Describe(task));
        }

        return new JsonObject { ["tasks"] = tasks, ["failures"] = new JsonArray() };
    }

    /// <summary>
    /// The container as it runs: the definition's entry point, command, environment, user and limits, with the
    /// overrides on top (an override's command replaces the definition's; its environment adds to and replaces
    /// entries by name). https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerOverride.html
    /// </summary>
    private static EcsContainerLaunch ContainerLaunch(JsonObject definition, JsonObject container, JsonArray overrides)
    {
        var containerName = container["name"]!.GetValue<string>();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        AddEnvironment(environment, container["environment"] as JsonArray, "containerDefinitions[0].environment");
        IReadOnlyList<string> command = Strings(container["command"]);
        foreach (var over in overrides)
        {
            if (over?["name"]?.GetValue<string>() is { } name && name != containerName)
            {
                throw EcsErrors.InvalidParameter($"Override for container named {name} is not a container in the TaskDefinition.");
            }

            AddEnvironment(environment, over?["environment"] as JsonArray, "overrides.containerOverrides.environment");

            command = over?["command"] is JsonArray replaced ? Strings(replaced) : command;
        }

        return new EcsContainerLaunch(container["image"]!.GetValue<string>())
        {
            EntryPoint = Strings(container["entryPoint"]),
            Command = command,
            Environment = environment,
            User = container["user"]?.GetValue<string>(),
            CpuUnits = Units(container["cpu"]) ?? Units(definition["cpu"]),
            MemoryMiB = Units(container["memory"]) ?? Units(definition["memory"]),
            StopTimeoutSeconds = container["stopTimeout"]?.GetValue<int>() ?? 30,
            AwsLogs = container["logConfiguration"] is JsonObject { } logging && logging["logDriver"]?.GetValue<string>() == "awslogs"
                && logging["options"]?["awslogs-group"]?.GetValue<string>() is { } group
                    ? (group, logging["options"]?["awslogs-stream-prefix"]?.GetValue<string>())
                    : null,
        };
    }

    /// <summary>Environment entries by name (a later one replaces an earlier one); an entry without a name is refused, naming where it is.</summary>
    private static void AddEnvironment(Dictionary<string, string> environment, JsonArray? entries, string where)
    {
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var name = entries![i]?["name"]?.GetValue<string>();
            if (string.IsNullOrEmpty(name))
            {
                throw EcsErrors.InvalidParameter($"The environment variable at {where}[{i}] has no name: every environment entry needs a name.");
            }

            environment[name] = entries[i]!["value"]?.GetValue<string>() ?? "";
        }
    }

    private static List<string> Strings(JsonNode? array) => (array as JsonArray ?? []).Select(c => c!.GetValue<string>()).ToList();

    /// <summary>Task-level cpu and memory are strings ("256"), container-level ones numbers.</summary>
    private static int? Units(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<int>(out var n) => n,
        JsonValue v when v.TryGetValue<string>(out var text) && int.TryParse(text, out var parsed) => parsed,
        _ => null,
    };

    public JsonObject DescribeTasks(JsonObject request)
    {
        var found = new JsonArray();
        var failures = new JsonArray();
        foreach (var arn in (request["tasks"] as JsonArray ?? []).Select(t => t!.GetValue<string>()))
        {
            if (store.Tasks.TryGetValue(arn, out var task)
                || (store.Tasks.Values.FirstOrDefault(t => t.TaskArn.EndsWith("/" + arn, StringComparison.Ordinal)) is { } byId && (task = byId) is not null))
            {
                found.Add((JsonNode)Describe(task));
            }
            else
            {
                failures.Add((JsonNode)new JsonObject { ["arn"] = arn, ["reason"] = "MISSING" });
            }
        }

        return new JsonObject { ["tasks"] = found, ["failures"] = failures };
    }

    public JsonObject ListTasks(JsonObject request)
    {
        var clusterArn = Cluster(request["cluster"]?.GetValue<string>() ?? "default");
        var desired = request["desiredStatus"]?.GetValue<string>() ?? "RUNNING";
        var arns = store.Tasks.Values
            .Where(t => t.ClusterArn == clusterArn && (desired == "STOPPED") == (t.LastStatus == "STOPPED"))
            .Select(t => (JsonNode?)t.TaskArn);
        return new JsonObject { ["taskArns"] = new JsonArray(arns.ToArray()) };
    }

    public JsonObject StopTask(JsonObject request)
    {
        var arn = request["task"]?.GetValue<string>() ?? throw EcsErrors.InvalidParameter("task is required");
        var task = store.Tasks.GetValueOrDefault(arn) ?? throw EcsErrors.InvalidParameter($"The referenced task was not found: {arn}");
        runner.Stop(task, request["reason"]?.GetValue<string>() ?? "Task stopped by user");
        return new JsonObject { ["task"] = Describe(task) };
    }

    public EcsTask? Find(string taskArn) => store.Tasks.GetValueOrDefault(taskArn);

    private string Cluster(string nameOrArn) =>
        store.Clusters.TryGetValue(ClusterName(nameOrArn), out var arn) ? arn : throw EcsErrors.ClusterNotFound(nameOrArn);


    /// <summary>"family", "family:3" or a full task-definition ARN.</summary>
    private JsonObject Definition(string reference)
    {
        var tail = reference.Contains(":task-definition/", StringComparison.Ordinal)
            ? reference[(reference.IndexOf(":task-definition/", StringComparison.Ordinal) + 17)..]
            : reference;
        var parts = tail.Split(':');
        if (!store.TaskDefinitions.TryGetValue(parts[0], out var revisions) || revisions.Count == 0)
        {
            throw EcsErrors.Client($"Unable to describe task definition: {reference}");
        }

        lock (revisions)
        {
            if (parts.Length == 1)
            {
                // The family alone names its newest ACTIVE revision.
                return revisions.LastOrDefault(r => r["status"]!.GetValue<string>() == "ACTIVE")
                    ?? throw EcsErrors.Client($"Unable to describe task definition: {reference} has no ACTIVE revision");
            }

            return int.TryParse(parts[1], out var revision) && revision >= 1 && revision <= revisions.Count
                ? revisions[revision - 1]
                : throw EcsErrors.Client($"Unable to describe task definition: {reference}");
        }
    }

    private static JsonObject Describe(EcsTask task)
    {
        static double Epoch(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 1000.0;
        var container = new JsonObject { ["name"] = task.ContainerName, ["lastStatus"] = task.LastStatus, ["taskArn"] = task.TaskArn };
        if (task.ExitCode is { } code)
        {
            container["exitCode"] = code;
        }

        if (task.ContainerReason is { } reason)
        {
            container["reason"] = reason;
        }

        if (task.WorkloadId is { } id)
        {
            container["runtimeId"] = id; // the pid or the container id
        }

        var json = new JsonObject
        {
            ["taskArn"] = task.TaskArn,
            ["clusterArn"] = task.ClusterArn,
            ["taskDefinitionArn"] = task.TaskDefinitionArn,
            ["lastStatus"] = task.LastStatus,
            ["desiredStatus"] = task.LastStatus == "STOPPED" ? "STOPPED" : "RUNNING",
            ["launchType"] = "FARGATE",
            ["createdAt"] = Epoch(task.CreatedAt),
            ["containers"] = new JsonArray(container),
        };
        if (task.RuntimeKind is { } kind)
        {
            // Which runtime ran it (an attribute, as ECS reports its own facts about a task).
            json["attributes"] = new JsonArray(new JsonObject { ["name"] = "batchkit.runtime", ["value"] = kind });
        }

        if (task.StartedBy is not null)
        {
            json["startedBy"] = task.StartedBy;
        }

        if (task.StartedAt is { } started)
        {
            json["startedAt"] = Epoch(started);
        }

        if (task.StoppedAt is { } stopped)
        {
            json["stoppedAt"] = Epoch(stopped);
            json["stoppedReason"] = task.StoppedReason;
            json["stopCode"] = task.StopCode;
        }

        return json;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-zA-Z0-9_-]{1,255}\\z")]
    private static partial System.Text.RegularExpressions.Regex ClusterNamePattern();
}
