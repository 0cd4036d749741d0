using BatchKit.Infrastructure.Constructs;

namespace BatchKit.Infrastructure.Tests;

[Collection(DefaultStackCollection.Name)]
public sealed class PipelineFunctionTests(DefaultStack stack)
{
    [Fact]
    public void One_binary_runs_as_two_functions_on_provided_al2023_x86_64()
    {
        var functions = stack.Json.Functions().Select(f => f.Value).ToList();

        Assert.Equal(["summary", "upload"], functions.Select(f => (string)f["Handler"]!).Order());
        Assert.All(functions, f =>
        {
            Assert.Equal("provided.al2023", (string?)f["Runtime"]);
            Assert.Equal("x86_64", (string?)Assert.Single(f["Architectures"]!.AsArray()));
        });
        Assert.Single(functions.Select(f => f["Code"]!["S3Key"]!.ToJsonString()).Distinct());
    }

    [Fact]
    public void The_code_asset_is_the_lambda_asset_directory()
    {
        var key = (string)stack.Json.Function("upload").Value["Code"]!["S3Key"]!;
        var file = stack.Assets["files"]!.AsObject().Single(f => key.StartsWith(f.Key, StringComparison.Ordinal)).Value!;

        Assert.Equal("zip", (string?)file["source"]!["packaging"]);
        Assert.EndsWith(".zip", key, StringComparison.Ordinal);
        var staged = Path.Combine(stack.CloudAssemblyDir, (string)file["source"]!["path"]!);
        Assert.Equal(File.ReadAllText(Path.Combine(stack.LambdaAssetDir, "bootstrap")), File.ReadAllText(Path.Combine(staged, "bootstrap")));
    }

    [Fact]
    public void Upload_function_is_sized_for_streaming_and_keeps_failed_events()
    {
        var upload = stack.Json.Function("upload").Value;
        var queueId = stack.LogicalId("AWS::SQS::Queue");
        var invokeConfig = stack.Single("AWS::Lambda::EventInvokeConfig");

        Assert.Equal(UploadFunction.MemorySize, (int)upload["MemorySize"]!);
        Assert.Equal(900, (int)upload["Timeout"]!);
        Assert.Equal(queueId, (string?)upload["DeadLetterConfig"]!["TargetArn"]!["Fn::GetAtt"]![0]);
        Assert.Equal(2, (int)invokeConfig["MaximumRetryAttempts"]!);
        Assert.Equal(1_209_600, (int)stack.Single("AWS::SQS::Queue")["MessageRetentionPeriod"]!);
    }

    [Fact]
    public void Summary_function_has_its_own_size()
    {
        var summary = stack.Json.Function("summary").Value;

        Assert.Equal(SummaryFunction.MemorySize, (int)summary["MemorySize"]!);
        Assert.Equal(300, (int)summary["Timeout"]!);
        Assert.Null(summary["DeadLetterConfig"]);
    }

    [Fact]
    public void Each_function_logs_to_its_own_group_with_retention()
    {
        var groups = stack.Resources("AWS::Logs::LogGroup").ToDictionary(g => g.Key, g => g.Value["Properties"]!.AsObject());

        foreach (var (_, function) in stack.Json.Functions())
        {
            var groupId = (string)function["LoggingConfig"]!["LogGroup"]!["Ref"]!;
            Assert.Equal(30, (int)groups[groupId]["RetentionInDays"]!);
        }
    }

    [Fact]
    public void Upload_role_reads_uploads_writes_processed_and_starts_the_workflow()
    {
        var statements = stack.Json.StatementsOf(stack.Json.Function("upload").Value.RoleIdOf()).ToList();

        Assert.EndsWith("/uploads/*\"]]}", statements.Granting("s3:GetObject")["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.EndsWith("/processed/*\"]]}", statements.Granting("s3:PutObject")["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(":parameter/config/step_function_arn", statements.Granting("ssm:GetParameter")["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(":stateMachine:BatchKit-sales-batch", statements.Granting("states:StartExecution")["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(statements, s => s.Actions().SequenceEqual(["sqs:SendMessage"]));
    }

    [Fact]
    public void Summary_role_reads_and_writes_reports_only()
    {
        var statements = stack.Json.StatementsOf(stack.Json.Function("summary").Value.RoleIdOf()).ToList();

        Assert.EndsWith("/reports/*\"]]}", statements.Granting("s3:PutObject")["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("reports/*", (string?)statements.Granting("s3:ListBucket")["Condition"]!["StringLike"]!["s3:prefix"]);
        Assert.DoesNotContain(statements, s => s.Actions().Contains("states:StartExecution"));
    }

    [Fact]
    public void A_missing_bootstrap_names_the_directory_and_the_setting()
    {
        var empty = Directory.CreateTempSubdirectory("batchkit-no-bootstrap-").FullName;
        try
        {
            var error = Assert.Throws<ArgumentException>(() => PipelineFunction.CodeFrom(empty));

            Assert.Contains(empty, error.Message, StringComparison.Ordinal);
            Assert.Contains(BatchKitSettings.LambdaAssetDirKey, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
