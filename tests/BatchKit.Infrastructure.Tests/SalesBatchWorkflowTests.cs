using System.Text.Json.Nodes;
using BatchKit.Contracts;
using BatchKit.Workflow;

namespace BatchKit.Infrastructure.Tests;

[Collection(DefaultStackCollection.Name)]
public sealed class SalesBatchWorkflowTests(DefaultStack stack)
{
    private JsonObject StateMachine => stack.Single("AWS::StepFunctions::StateMachine");

    private JsonObject Substitutions => StateMachine["DefinitionSubstitutions"]!.AsObject();

    [Fact]
    public void Definition_is_sales_batch_asl_json_as_written()
    {
        Assert.Equal(WorkflowDefinition.Template, (string?)StateMachine["DefinitionString"]);
    }

    [Fact]
    public void Substitutions_fill_exactly_the_placeholders_the_definition_uses()
    {
        var used = System.Text.RegularExpressions.Regex.Matches(WorkflowDefinition.Template, @"\$\{([A-Za-z0-9]+)\}").Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Equal(WorkflowDefinition.Placeholders.Keys.Order(), Substitutions.Select(s => s.Key).Order());
        Assert.Equal(used.Order(), Substitutions.Select(s => s.Key).Order());
        Assert.Equal(WorkflowDefinition.Placeholders.Keys.Order(), stack.Stack.Workflow.Substitutions.Keys.Order());
    }

    [Fact]
    public void Substituted_with_the_template_values_the_definition_is_valid_json_naming_them()
    {
        // What CloudFormation does at deploy, with each intrinsic written as its JSON text: no placeholder is left
        // over and the result still parses (a value inside the 'States.StringSplit' string literal included).
        var values = Substitutions.ToDictionary(s => s.Key, s => s.Value is JsonValue v ? (string)v! : s.Value!.ToJsonString());
        var definition = JsonNode.Parse(WorkflowDefinition.Substitute(values))!;

        var parameters = definition["States"]!["Stores"]!["ItemProcessor"]!["States"]!["AggregateStore"]!["Parameters"]!;
        Assert.Equal("worker", (string?)parameters["Overrides"]!["ContainerOverrides"]![0]!["Name"]);
        Assert.Equal("ENABLED", (string?)parameters["NetworkConfiguration"]!["AwsvpcConfiguration"]!["AssignPublicIp"]);
        Assert.Empty(System.Text.RegularExpressions.Regex.Matches(definition.ToJsonString(), @"\$\{[A-Za-z0-9]+\}"));
    }

    [Fact]
    public void Substitutions_point_at_the_stacks_resources()
    {
        string GetAtt(string key) => (string)Substitutions[key]!["Fn::GetAtt"]![0]!;

        Assert.Equal(stack.LogicalId("AWS::ECS::Cluster"), GetAtt("ClusterArn"));
        Assert.Equal(stack.LogicalId("AWS::ECS::TaskDefinition"), (string?)Substitutions["TaskDefinitionArn"]!["Ref"]);
        Assert.Equal(stack.LogicalId("AWS::Events::Connection"), GetAtt("SlackConnectionArn"));
        Assert.Equal(stack.Json.Function("summary").Key, GetAtt("SummaryFunctionArn"));
        Assert.Equal(stack.LogicalId("AWS::EC2::SecurityGroup"), GetAtt("SecurityGroups"));
        Assert.Equal(stack.LogicalId("AWS::S3::Bucket"), (string?)Substitutions["ResultsBucket"]!["Ref"]);
        Assert.Equal("worker", (string?)Substitutions["ContainerName"]);
        Assert.Equal("ENABLED", (string?)Substitutions["AssignPublicIp"]);
    }

    [Fact]
    public void Subnets_are_comma_separated_as_the_definitions_StringSplit_expects()
    {
        var join = Substitutions["Subnets"]!["Fn::Join"]!.AsArray();
        var subnetIds = stack.Resources("AWS::EC2::Subnet").Select(s => s.Key).Order();

        Assert.Contains("States.StringSplit('${Subnets}', ',')", WorkflowDefinition.Template, StringComparison.Ordinal);
        Assert.Equal(",", (string?)join[0]);
        Assert.Equal(subnetIds, join[1]!.AsArray().Select(r => (string)r!["Ref"]!).Order());
    }

    [Fact]
    public void State_machine_is_standard_named_logged_and_timed_out()
    {
        var logging = StateMachine["LoggingConfiguration"]!;
        var groupId = (string)logging["Destinations"]![0]!["CloudWatchLogsLogGroup"]!["LogGroupArn"]!["Fn::GetAtt"]![0]!;
        var group = stack.Resources("AWS::Logs::LogGroup").Single(g => g.Key == groupId).Value["Properties"]!;

        Assert.Equal("STANDARD", (string?)StateMachine["StateMachineType"]);
        Assert.Equal("BatchKit-sales-batch", (string?)StateMachine["StateMachineName"]);
        Assert.Equal("ERROR", (string?)logging["Level"]);
        Assert.False((bool)logging["IncludeExecutionData"]!);
        Assert.Equal("/aws/vendedlogs/states/BatchKit-sales-batch", (string?)group["LogGroupName"]);
        Assert.False((bool)StateMachine["TracingConfiguration"]!["Enabled"]!);
        Assert.Equal(21600, (int)JsonNode.Parse(WorkflowDefinition.Template)!["TimeoutSeconds"]!);
    }

    [Fact]
    public void Ssm_parameter_holds_the_state_machines_arn()
    {
        var parameter = stack.Single("AWS::SSM::Parameter");

        Assert.Equal(ParameterNames.StepFunctionArn, (string?)parameter["Name"]);
        Assert.Equal("String", (string?)parameter["Type"]);
        Assert.Equal(stack.LogicalId("AWS::StepFunctions::StateMachine"), (string?)parameter["Value"]!["Ref"]);
    }

    [Fact]
    public void Workflow_role_can_do_what_the_definition_does_and_no_more()
    {
        var statements = stack.Json.StatementsOf((string)StateMachine["RoleArn"]!["Fn::GetAtt"]![0]!).ToList();
        string Resource(string action) => statements.Granting(action)["Resource"]!.ToJsonString();

        var runTask = statements.Granting("ecs:RunTask");
        Assert.Contains(":task-definition/BatchKit-worker:*", Resource("ecs:RunTask"), StringComparison.Ordinal);
        Assert.Equal(stack.LogicalId("AWS::ECS::Cluster"), (string?)runTask["Condition"]!["ArnEquals"]!["ecs:cluster"]!["Fn::GetAtt"]![0]);

        var passRole = statements.Granting("iam:PassRole");
        var roles = passRole["Resource"]!.AsArray().Select(r => (string)r!["Fn::GetAtt"]![0]!).Order().ToList();
        var taskDefinition = stack.Single("AWS::ECS::TaskDefinition");
        Assert.Equal(new[] { (string)taskDefinition["TaskRoleArn"]!["Fn::GetAtt"]![0]!, (string)taskDefinition["ExecutionRoleArn"]!["Fn::GetAtt"]![0]! }.Order(), roles);
        Assert.Equal("ecs-tasks.amazonaws.com", (string?)passRole["Condition"]!["StringEquals"]!["iam:PassedToService"]);

        Assert.Contains(":stateMachine:BatchKit-sales-batch", Resource("states:StartExecution"), StringComparison.Ordinal);
        Assert.Contains(":execution:BatchKit-sales-batch/*", Resource("states:DescribeExecution"), StringComparison.Ordinal);
        Assert.Equal("processed/*", (string?)statements.Granting("s3:ListBucket")["Condition"]!["StringLike"]!["s3:prefix"]);
        Assert.EndsWith("/reports/*\"]]}", Resource("s3:PutObject"), StringComparison.Ordinal);
        Assert.Contains(stack.Json.Function("summary").Key, Resource("lambda:InvokeFunction"), StringComparison.Ordinal);
        Assert.Equal("POST", (string?)statements.Granting("states:InvokeHTTPEndpoint")["Condition"]!["StringEquals"]!["states:HTTPMethod"]);
        Assert.Contains("SecretArn", Resource("secretsmanager:GetSecretValue"), StringComparison.Ordinal);
        Assert.DoesNotContain(statements, s => s.Actions().Any(a => a.StartsWith("xray:", StringComparison.Ordinal)));
    }
}
