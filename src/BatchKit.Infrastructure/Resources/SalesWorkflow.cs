using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.StepFunctions;
using BatchKit.Contracts;
using BatchKit.Workflow;
using Constructs;

namespace BatchKit.Infrastructure.Resources;

/// <summary>
/// The state machine from src/BatchKit.Workflow/sales-batch.asl.json, unchanged: its placeholders become
/// DefinitionSubstitutions (the same names the local deploy step fills), so the template and the file cannot drift.
/// The role allows exactly the definition's calls. The Slack webhook is a Secrets Manager dynamic reference, resolved
/// by CloudFormation at deploy time (never in the repository or the synthesized template); the EventBridge
/// connection carries http:invoke's credentials.
/// https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html
/// </summary>
internal sealed class SalesWorkflow : Construct
{
    public const string StateMachineName = "sales-batch";

    public SalesWorkflow(Construct scope, string id, BatchKitSettings settings)
        : base(scope, id)
    {
        StateMachineArn = Stack.Of(this).FormatArn(new ArnComponents { Service = "states", Resource = "stateMachine", ResourceName = StateMachineName, ArnFormat = ArnFormat.COLON_RESOURCE_NAME });
        Connection = new CfnConnection(this, "SlackConnection", new CfnConnectionProps
        {
            Name = "batchkit-slack",
            Description = "Credentials for Step Functions' HTTP task to the Slack webhook (Slack ignores the key; AWS requires a connection).",
            AuthorizationType = "API_KEY",
            AuthParameters = new CfnConnection.AuthParametersProperty
            {
                ApiKeyAuthParameters = new CfnConnection.ApiKeyAuthParametersProperty { ApiKeyName = "X-BatchKit", ApiKeyValue = "unused" },
            },
        });
        Role = new Role(this, "Role", new RoleProps { AssumedBy = new ServicePrincipal("states.amazonaws.com") });
    }

    public string StateMachineArn { get; }

    public CfnConnection Connection { get; }

    public Role Role { get; }

    public StateMachine? StateMachine { get; private set; }

    /// <summary>The webhook as a dynamic reference: CloudFormation resolves it when it deploys.</summary>
    public static string SlackWebhookReference(BatchKitSettings settings) => $"{{{{resolve:secretsmanager:{settings.SlackWebhookSecretName}}}}}";

    public void Create(BatchKitSettings settings, SalesStorage storage, WorkerCluster workers, PipelineFunctions functions)
    {
        var substitutions = new Dictionary<string, string>
        {
            ["SlackWebhookUrl"] = SlackWebhookReference(settings),
            ["SlackConnectionArn"] = Connection.AttrArn,
            ["ClusterArn"] = workers.Cluster.AttrArn,
            ["TaskDefinitionArn"] = workers.TaskDefinition.TaskDefinitionArn,
            ["ContainerName"] = WorkerCluster.ContainerName,
            ["Subnets"] = Fn.Join(",", workers.SubnetIds),
            ["SecurityGroups"] = workers.SecurityGroup.AttrGroupId,
            ["AssignPublicIp"] = workers.AssignPublicIp,
            ["ResultsBucket"] = storage.BucketName,
            ["SummaryFunctionArn"] = functions.Summary.FunctionArn,
        };

        Grant(storage, workers, functions);
        var logs = new LogGroup(this, "Logs", new LogGroupProps { Retention = RetentionDays.ONE_MONTH, RemovalPolicy = RemovalPolicy.DESTROY });
        StateMachine = new StateMachine(this, "StateMachine", new StateMachineProps
        {
            StateMachineName = StateMachineName,
            StateMachineType = StateMachineType.STANDARD,
            DefinitionBody = DefinitionBody.FromString(WorkflowDefinition.Template),
            DefinitionSubstitutions = substitutions,
            Role = Role,
            Logs = new LogOptions { Destination = logs, Level = LogLevel.ERROR, IncludeExecutionData = false },
            TracingEnabled = settings.Tracing,
        });
    }

    private void Grant(SalesStorage storage, WorkerCluster workers, PipelineFunctions functions)
    {
        var stack = Stack.Of(this);
        var family = stack.FormatArn(new ArnComponents { Service = "ecs", Resource = "task-definition", ResourceName = "batchkit-worker:*" });
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["ecs:RunTask"],
            Resources = [family],
            Conditions = new Dictionary<string, object> { ["ArnEquals"] = new Dictionary<string, object> { ["ecs:cluster"] = workers.Cluster.AttrArn } },
        }));
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["iam:PassRole"],
            Resources = [workers.TaskRole.RoleArn, workers.TaskDefinition.ObtainExecutionRole().RoleArn],
            Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["iam:PassedToService"] = "ecs-tasks.amazonaws.com" } },
        }));

        // The Distributed Map runs child executions of this state machine and reads/writes S3.
        // https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html
        Role.AddToPolicy(Policies.Allow(["states:StartExecution"], StateMachineArn));
        Role.AddToPolicy(Policies.Allow(["states:DescribeExecution", "states:StopExecution"], stack.FormatArn(new ArnComponents
        {
            Service = "states", Resource = "execution", ResourceName = StateMachineName + "/*", ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
        })));
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [storage.BucketArn],
            Conditions = new Dictionary<string, object> { ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = BucketPrefixes.Processed + "*" } },
        }));
        Role.AddToPolicy(Policies.Allow(["s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"], storage.ObjectsArn(BucketPrefixes.Reports)));
        Role.AddToPolicy(Policies.Allow(["lambda:InvokeFunction"], functions.Summary.FunctionArn, functions.Summary.FunctionArn + ":*"));

        // http:invoke through the EventBridge connection. https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html#connect-http-task-permissions
        Role.AddToPolicy(Policies.Allow(["events:RetrieveConnectionCredentials"], Connection.AttrArn));
        Role.AddToPolicy(Policies.Allow(["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Connection.AttrSecretArn));
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["states:InvokeHTTPEndpoint"],
            Resources = [StateMachineArn],
            Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["states:HTTPMethod"] = "POST" } },
        }));
    }
}
