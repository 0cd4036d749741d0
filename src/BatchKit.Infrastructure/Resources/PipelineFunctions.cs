using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using BatchKit.Contracts;
using Constructs;

namespace BatchKit.Infrastructure.Resources;

/// <summary>
/// The one Lambda binary as two functions: <c>upload</c> (S3-triggered; streams the zip apart, starts the workflow)
/// and <c>summary</c> (the workflow's last step). provided.al2023 on x86_64 (the arm64 runtime pack is not in this
/// feed), each with its own least-privilege role, a log group with retention, and for the asynchronous upload a
/// dead-letter queue that keeps events that failed Lambda's two retries.
/// </summary>
internal sealed class PipelineFunctions : Construct
{
    public PipelineFunctions(Construct scope, string id, string assetDirectory, SalesStorage storage, string stateMachineArn, string parameterArn)
        : base(scope, id)
    {
        var code = Code.FromAsset(assetDirectory);
        Upload = Create("Upload", "upload", code, memory: 512, timeout: Duration.Minutes(5), deadLetters: true);
        Upload.AddToRolePolicy(Policies.Allow(["s3:GetObject"], storage.ObjectsArn(BucketPrefixes.Uploads)));
        Upload.AddToRolePolicy(Policies.Allow(["s3:PutObject", "s3:DeleteObject"], storage.ObjectsArn(BucketPrefixes.Processed)));
        Upload.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [storage.BucketArn],
            Conditions = new Dictionary<string, object> { ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = BucketPrefixes.Processed + "*" } },
        }));
        Upload.AddToRolePolicy(Policies.Allow(["ssm:GetParameter"], parameterArn));
        Upload.AddToRolePolicy(Policies.Allow(["states:StartExecution"], stateMachineArn));
        Upload.AddToRolePolicy(Policies.Allow(["states:DescribeExecution"], stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":*"));

        Summary = Create("Summary", "summary", code, memory: 256, timeout: Duration.Minutes(1), deadLetters: false);
        Summary.AddToRolePolicy(Policies.Allow(["s3:GetObject", "s3:PutObject"], storage.ObjectsArn(BucketPrefixes.Reports)));
    }

    public Function Upload { get; }

    public Function Summary { get; }

    private Function Create(string id, string handler, Code code, int memory, Duration timeout, bool deadLetters)
    {
        var logs = new LogGroup(this, id + "Logs", new LogGroupProps { Retention = RetentionDays.TWO_WEEKS, RemovalPolicy = RemovalPolicy.DESTROY });
        var role = new Role(this, id + "Role", new RoleProps { AssumedBy = new ServicePrincipal("lambda.amazonaws.com") });
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps { Actions = ["logs:CreateLogStream", "logs:PutLogEvents"], Resources = [logs.LogGroupArn] }));
        return new Function(this, id, new FunctionProps
        {
            FunctionName = "batchkit-" + handler,
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = Architecture.X86_64,
            Handler = handler,
            Code = code,
            MemorySize = memory,
            Timeout = timeout,
            Role = role,
            LogGroup = logs,
            RetryAttempts = deadLetters ? 2 : null,
            DeadLetterQueueEnabled = deadLetters ? true : null,
        });
    }
}
