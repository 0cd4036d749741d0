using System.Text.Json.Nodes;

namespace BatchKit.Infrastructure.Tests;

/// <summary>
/// Least privilege over every IAM policy in a CloudFormation template: only Allow statements with explicit actions
/// (no <c>*</c>, no <c>service:*</c>, no NotAction/NotResource), resources named down to the resource (not
/// <c>arn:...:s3:::*</c> nor <c>task-definition/*</c>), no managed policies, and <c>"Resource": "*"</c> only for
/// the actions AWS gives no resource type to scope them by.
/// </summary>
internal static class LeastPrivilegeCheck
{
    /// <summary>Actions the Service Authorization Reference lists with no resource type: they can only take "*".</summary>
    public static IReadOnlyDictionary<string, string> UnscopableActions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // The Fargate execution role pulls the worker image: the registry login token is account-wide.
        ["ecr:GetAuthorizationToken"] = "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html",
        // Step Functions logging to CloudWatch Logs goes through log delivery, which takes no resource.
        ["logs:CreateLogDelivery"] = "https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy",
        ["logs:GetLogDelivery"] = "https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy",
        ["logs:UpdateLogDelivery"] = "https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy",
        ["logs:DeleteLogDelivery"] = "https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy",
        ["logs:ListLogDeliveries"] = "https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy",
        ["logs:PutResourcePolicy"] = "https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy",
        ["logs:DescribeResourcePolicies"] = "https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy",
        ["logs:DescribeLogGroups"] = "https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy",
        // X-Ray tracing of the state machine (optional setting).
        ["xray:PutTraceSegments"] = "https://docs.aws.amazon.com/step-functions/latest/dg/xray-iam.html",
        ["xray:PutTelemetryRecords"] = "https://docs.aws.amazon.com/step-functions/latest/dg/xray-iam.html",
        ["xray:GetSamplingRules"] = "https://docs.aws.amazon.com/step-functions/latest/dg/xray-iam.html",
        ["xray:GetSamplingTargets"] = "https://docs.aws.amazon.com/step-functions/latest/dg/xray-iam.html",
    };

    /// <summary>ARN resource types: a wildcard right after one of these means "every resource of that type".</summary>
    private static readonly HashSet<string> ResourceTypes = new(StringComparer.Ordinal)
    {
        "", "task-definition", "task", "cluster", "stateMachine", "execution", "function", "parameter", "repository",
        "log-group", "secret", "connection", "role", "queue",
    };

    /// <summary>Every violation in the template, each naming the policy, the statement and the problem; empty if none.</summary>
    public static IReadOnlyList<string> Violations(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var violations = new List<string>();
        foreach (var (id, resource) in template["Resources"]!.AsObject())
        {
            var type = (string?)resource!["Type"];
            var properties = resource["Properties"]?.AsObject();
            if (properties is null)
            {
                continue;
            }

            if (type is "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy")
            {
                Check($"{id}", properties["PolicyDocument"]!.AsObject(), violations);
            }
            else if (type == "AWS::IAM::Role")
            {
                if (properties["ManagedPolicyArns"] is JsonArray { Count: > 0 } managed)
                {
                    violations.Add($"{id}: managed policies are not visible in the template, attach statements instead: {managed.ToJsonString()}");
                }

                foreach (var policy in properties["Policies"]?.AsArray() ?? [])
                {
                    Check($"{id}/{policy!["PolicyName"]}", policy["PolicyDocument"]!.AsObject(), violations);
                }
            }
        }

        return violations;
    }

    private static void Check(string policy, JsonObject document, List<string> violations)
    {
        var statements = document["Statement"]!.AsArray();
        for (var i = 0; i < statements.Count; i++)
        {
            var statement = statements[i]!.AsObject();
            var where = $"{policy} statement {i}";
            if ((string?)statement["Effect"] != "Allow")
            {
                continue;
            }

            if (statement.ContainsKey("NotAction") || statement.ContainsKey("NotResource"))
            {
                violations.Add($"{where}: NotAction/NotResource grants everything else");
                continue;
            }

            var actions = Strings(statement["Action"]);
            foreach (var action in actions.Where(a => a.Contains('*', StringComparison.Ordinal)))
            {
                violations.Add($"{where}: wildcard action '{action}'");
            }

            foreach (var resource in statement["Resource"] is JsonArray array ? array.Select(Flatten) : [Flatten(statement["Resource"])])
            {
                if (resource == "*")
                {
                    foreach (var action in actions.Where(a => !UnscopableActions.ContainsKey(a)))
                    {
                        violations.Add($"{where}: '{action}' on every resource (\"*\") although AWS lets it be scoped");
                    }
                }
                else if (resource.EndsWith('*') && ResourceTypes.Contains(LastSegment(resource[..^1])))
                {
                    violations.Add($"{where}: '{resource}' is every resource of its type, not a named one");
                }
            }
        }
    }

    private static List<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(a => (string)a!).ToList(),
        null => [],
        _ => [(string)node!],
    };

    /// <summary>An ARN with its intrinsic functions written as {Ref}/{GetAtt} placeholders: what is left is literal.</summary>
    private static string Flatten(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue value:
                return (string)value!;
            case JsonObject o when o["Fn::Join"] is JsonArray join:
                var separator = (string)join[0]!;
                return string.Join(separator, join[1]!.AsArray().Select(Flatten));
            case JsonObject o when o["Ref"] is JsonNode reference:
                return "{" + (string)reference! + "}";
            case JsonObject o when o["Fn::GetAtt"] is JsonArray attribute:
                return "{" + string.Join('.', attribute.Select(a => (string)a!)) + "}";
            case JsonObject o when o["Fn::Sub"] is JsonNode sub:
                return sub is JsonArray subArray ? (string)subArray[0]! : (string)sub!;
            default:
                return node?.ToJsonString() ?? "";
        }
    }

    /// <summary>The last ARN segment before a trailing wildcard: "task-definition/" gives "task-definition".</summary>
    private static string LastSegment(string prefix)
    {
        var trimmed = prefix.EndsWith(':') || prefix.EndsWith('/') ? prefix[..^1] : prefix;
        var cut = trimmed.LastIndexOfAny([':', '/']);
        return cut < 0 ? trimmed : trimmed[(cut + 1)..];
    }
}
