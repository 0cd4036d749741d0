using System.Globalization;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.Ecs;

/// <summary>
/// The everyday reads and clean-ups: clusters listed, described and deleted; task definitions listed by family and
/// status, and deregistered (INACTIVE: kept for DescribeTaskDefinition, no longer the family's newest).
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListClusters.html
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeregisterTaskDefinition.html
/// </summary>
internal sealed partial class EcsProvider
{
    public JsonObject ListClusters(JsonObject request) =>
        Page(request, [.. store.Clusters.Values.Order(StringComparer.Ordinal)], "clusterArns");

    /// <summary>Clusters by name or ARN (the default cluster when none is named); unknown ones are failures, as on ECS.</summary>
    public JsonObject DescribeClusters(JsonObject request)
    {
        var names = (request["clusters"] as JsonArray)?.Select(c => c!.GetValue<string>()).ToList() ?? ["default"];
        var clusters = new JsonArray();
        var failures = new JsonArray();
        foreach (var reference in names)
        {
            var name = ClusterName(reference);
            if (store.Clusters.TryGetValue(name, out var arn))
            {
                clusters.Add((JsonNode)DescribeCluster(name, arn));
            }
            else
            {
                var missing = reference.StartsWith("arn:", StringComparison.Ordinal) ? reference : ClusterArn(name);
                failures.Add((JsonNode)new JsonObject { ["arn"] = missing, ["reason"] = "MISSING" });
            }
        }

        return new JsonObject { ["clusters"] = clusters, ["failures"] = failures };
    }

    public JsonObject DeleteCluster(JsonObject request)
    {
        var reference = request["cluster"]?.GetValue<string>() ?? throw EcsErrors.InvalidParameter("cluster is required");
        var name = ClusterName(reference);
        var arn = store.Clusters.GetValueOrDefault(name) ?? throw EcsErrors.ClusterNotFound(reference);
        if (store.Tasks.Values.Any(t => t.ClusterArn == arn && t.LastStatus != EcsTask.Stopped))
        {
            throw new Protocol.ServiceErrorException("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.");
        }

        var described = DescribeCluster(name, arn);
        store.Clusters.TryRemove(name, out _);
        described["status"] = "INACTIVE";
        return new JsonObject { ["cluster"] = described };
    }

    /// <summary>ARNs of every revision (or one family's, or one status'), oldest first unless sort is DESC.</summary>
    public JsonObject ListTaskDefinitions(JsonObject request)
    {
        var family = request["familyPrefix"]?.GetValue<string>();
        var status = request["status"]?.GetValue<string>() ?? "ACTIVE";
        var arns = store.TaskDefinitions.Keys
            .Where(f => family is null || f == family)
            .SelectMany(f => Revisions(store.TaskDefinitions.GetValueOrDefault(f) ?? []))
            .Where(d => status == "ALL" || d["status"]!.GetValue<string>() == status)
            .Select(d => d["taskDefinitionArn"]!.GetValue<string>())
            .OrderBy(a => a[..a.LastIndexOf(':')], StringComparer.Ordinal)
            .ThenBy(a => int.Parse(a[(a.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture))
            .ToList();
        if (request["sort"]?.GetValue<string>() == "DESC")
        {
            arns.Reverse();
        }

        return Page(request, arns, "taskDefinitionArns");
    }

    public JsonObject ListTaskDefinitionFamilies(JsonObject request)
    {
        var prefix = request["familyPrefix"]?.GetValue<string>() ?? "";
        var status = request["status"]?.GetValue<string>() ?? "ACTIVE";
        var families = store.TaskDefinitions.Keys
            .Where(f => f.StartsWith(prefix, StringComparison.Ordinal))
            .Where(f => status == "ALL"
                || Revisions(store.TaskDefinitions.GetValueOrDefault(f) ?? []).Any(d => d["status"]!.GetValue<string>() == "ACTIVE") == (status == "ACTIVE"))
            .Order(StringComparer.Ordinal).ToList();
        return Page(request, families, "families");
    }

    /// <summary>https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeregisterTaskDefinition.html</summary>
    public JsonObject DeregisterTaskDefinition(JsonObject request)
    {
        var reference = request["taskDefinition"]?.GetValue<string>() ?? throw EcsErrors.Client("taskDefinition is required");
        if (!reference.Contains(':', StringComparison.Ordinal))
        {
            throw EcsErrors.InvalidParameter("Invalid revision number. Number: " + reference);
        }

        var definition = Definition(reference);
        lock (definition)
        {
            definition["status"] = "INACTIVE";
            definition["deregisteredAt"] = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        }

        store.TaskDefinitions.Save(Family(reference)); // INACTIVE on the disk before the answer

        return new JsonObject { ["taskDefinition"] = definition.DeepClone() };
    }

    private JsonObject DescribeCluster(string name, string arn)
    {
        var tasks = store.Tasks.Values.Where(t => t.ClusterArn == arn).ToList();
        return new JsonObject
        {
            ["clusterArn"] = arn,
            ["clusterName"] = name,
            ["status"] = "ACTIVE",
            ["registeredContainerInstancesCount"] = 0,
            ["runningTasksCount"] = tasks.Count(t => t.LastStatus == "RUNNING"),
            ["pendingTasksCount"] = tasks.Count(t => t.LastStatus == "PROVISIONING"),
            ["activeServicesCount"] = 0,
            ["capacityProviders"] = new JsonArray("FARGATE", "FARGATE_SPOT"),
        };
    }

    private static List<JsonObject> Revisions(List<JsonObject> revisions)
    {
        lock (revisions)
        {
            return [.. revisions];
        }
    }

    /// <summary>The family of "family:3" or of a task-definition ARN.</summary>
    private static string Family(string reference) =>
        (reference.Contains(":task-definition/", StringComparison.Ordinal)
            ? reference[(reference.IndexOf(":task-definition/", StringComparison.Ordinal) + 17)..] : reference).Split(':')[0];

    private static string ClusterName(string reference) =>
        reference.Contains(":cluster/", StringComparison.Ordinal) ? reference[(reference.IndexOf(":cluster/", StringComparison.Ordinal) + 9)..] : reference;

    private string ClusterArn(string name) => $"arn:aws:ecs:{options.Region}:{options.AccountId}:cluster/{name}";

    /// <summary>ECS list pages: maxResults (1-100, 100 by default) and an opaque nextToken.</summary>
    private static JsonObject Page(JsonObject request, List<string> items, string member)
    {
        var max = Math.Clamp(request["maxResults"]?.GetValue<int>() ?? 100, 1, 100);
        var start = request["nextToken"]?.GetValue<string>() is { } token && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? s
            : 0;
        var response = new JsonObject { [member] = new JsonArray([.. items.Skip(start).Take(max).Select(i => (JsonNode)i)]) };
        if (start + max < items.Count)
        {
            response["nextToken"] = (start + max).ToString(CultureInfo.InvariantCulture);
        }

        return response;
    }
}
