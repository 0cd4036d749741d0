using System.Text.Json.Nodes;

namespace BatchKit.Infrastructure.Tests;

/// <summary>
/// Every IAM statement in the template, checked: no wildcard action, and no "*" resource except for actions AWS
/// cannot scope to a resource (each listed with the reason).
/// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
/// </summary>
[Collection(SynthesizedStackCollection.Name)]
public sealed class LeastPrivilegeTests(SynthesizedStack stack)
{
    private static readonly Dictionary<string, string> UnscopableActions = new(StringComparer.Ordinal)
    {
        ["states:SendTaskSuccess"] = "task-token calls name no resource (the token is the task)",
        ["states:SendTaskFailure"] = "task-token calls name no resource",
        ["states:SendTaskHeartbeat"] = "task-token calls name no resource",
        ["ecr:GetAuthorizationToken"] = "registry-wide: pulling the worker image needs it",
        ["logs:CreateLogDelivery"] = "Step Functions logging: CloudWatch Logs vended-log delivery APIs are not resource-scoped",
        ["logs:GetLogDelivery"] = "Step Functions logging",
        ["logs:UpdateLogDelivery"] = "Step Functions logging",
        ["logs:DeleteLogDelivery"] = "Step Functions logging",
        ["logs:ListLogDeliveries"] = "Step Functions logging",
        ["logs:PutResourcePolicy"] = "Step Functions logging",
        ["logs:DescribeResourcePolicies"] = "Step Functions logging",
        ["logs:DescribeLogGroups"] = "Step Functions logging",
        ["xray:PutTraceSegments"] = "X-Ray (only with tracing on)",
        ["xray:PutTelemetryRecords"] = "X-Ray",
        ["xray:GetSamplingRules"] = "X-Ray",
        ["xray:GetSamplingTargets"] = "X-Ray",
    };

    private IEnumerable<(string Policy, JsonObject Statement)> Statements()
    {
        foreach (var (id, policy) in stack.Resources("AWS::IAM::Policy"))
        {
            foreach (var statement in policy["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            {
                yield return (id, statement!.AsObject());
            }
        }

        foreach (var (id, role) in stack.Resources("AWS::IAM::Role"))
        {
            Assert.Null(role["Properties"]!["ManagedPolicyArns"]); // no AWS-managed policies, whose scope is "*"
            foreach (var inline in role["Properties"]!["Policies"]?.AsArray() ?? [])
            {
                foreach (var statement in inline!["PolicyDocument"]!["Statement"]!.AsArray())
                {
                    yield return (id, statement!.AsObject());
                }
            }
        }
    }

    private static JsonArray Many(JsonNode? node) => node is JsonArray array ? array : [node?.DeepClone()];

    [Fact]
    public void No_statement_allows_a_wildcard_action_or_an_unneeded_wildcard_resource()
    {
        var statements = Statements().Where(s => s.Statement["Effect"]!.GetValue<string>() == "Allow").ToList();
        Assert.NotEmpty(statements);
        foreach (var (policy, statement) in statements)
        {
            var actions = Many(statement["Action"]).Select(a => a!.GetValue<string>()).ToList();
            Assert.All(actions, a => Assert.False(a == "*" || a.EndsWith(":*", StringComparison.Ordinal), $"{policy}: wildcard action {a}"));
            var resources = Many(statement["Resource"]).ToList();
            if (resources.Any(r => r is JsonValue v && v.TryGetValue<string>(out var text) && text == "*"))
            {
                var unscoped = actions.Where(a => !UnscopableActions.ContainsKey(a)).ToList();
                Assert.True(unscoped.Count == 0, $"{policy}: Resource \"*\" for {string.Join(", ", unscoped)}, which can be scoped");
            }
        }
    }

    [Fact]
    public void The_workflow_may_run_only_the_worker_family_and_pass_only_its_two_roles()
    {
        var statements = Statements().Select(s => s.Statement).ToList();
        var runTask = Assert.Single(statements, s => Many(s["Action"]).Any(a => a!.GetValue<string>() == "ecs:RunTask"));
        Assert.Contains("task-definition/batchkit-worker:*", runTask["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(runTask["Condition"]?["ArnEquals"]?["ecs:cluster"]);

        var passRole = Assert.Single(statements, s => Many(s["Action"]).Any(a => a!.GetValue<string>() == "iam:PassRole"));
        Assert.Equal(2, passRole["Resource"]!.AsArray().Count);
        Assert.Equal("ecs-tasks.amazonaws.com", passRole["Condition"]!["StringEquals"]!["iam:PassedToService"]!.GetValue<string>());

        var s3 = statements.Where(s => Many(s["Action"]).Any(a => a!.GetValue<string>().StartsWith("s3:", StringComparison.Ordinal))).ToList();
        Assert.All(s3, s => Assert.DoesNotContain("\"*\"", s["Resource"]!.ToJsonString(), StringComparison.Ordinal));
    }
}
