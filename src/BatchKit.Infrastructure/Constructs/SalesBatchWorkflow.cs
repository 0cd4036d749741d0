using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.StepFunctions;
using BatchKit.Contracts;
using BatchKit.Workflow;
using Constructs;

namespace BatchKit.Infrastructure.Constructs;

/// <summary>
/// The sales-batch state machine: <c>sales-batch.asl.json</c> exactly as the emulator runs it, its
/// <c>${Placeholder}</c>s filled by CloudFormation's DefinitionSubstitutions, with logging, optional X-Ray, and a role
/// that can do what the definition does and nothing more.
/// https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html
/// </summary>
internal sealed class SalesBatchWorkflow : Construct
{
    public SalesBatchWorkflow(Construct scope, string id, SalesBatchWorkflowProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var names = props.Names;
        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("states.amazonaws.com"),
            Description = "BatchKit sales batch",
        });
        AddStatements(Role, props);

        // Vended logs need a /aws/vendedlogs/ name to stay clear of the log group resource policy's size limit.
        // https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html
        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            LogGroupName = $"/aws/vendedlogs/states/{names.StateMachineName}",
            Retention = LogRetention.Of(props.Settings.LogRetentionDays),
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        var substitutions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SlackWebhookUrl"] = props.Slack.WebhookUrl,
            ["SlackConnectionArn"] = props.Slack.Connection.ConnectionArn,
            ["ClusterArn"] = props.Worker.Cluster.ClusterArn,
            ["TaskDefinitionArn"] = props.Worker.TaskDefinition.TaskDefinitionArn,
            ["ContainerName"] = WorkerCluster.ContainerName,
            ["Subnets"] = props.Network.SubnetIdsText,
            ["SecurityGroups"] = props.Network.WorkerSecurityGroup.SecurityGroupId,
            ["AssignPublicIp"] = props.Network.AssignPublicIp,
            ["ResultsBucket"] = props.Bucket.BucketName,
            ["SummaryFunctionArn"] = props.Summary.Function.FunctionArn,
        };
        Substitutions = substitutions;
        StateMachine = new StateMachine(this, "StateMachine", new StateMachineProps
        {
            StateMachineName = names.StateMachineName,
            StateMachineType = StateMachineType.STANDARD,
            DefinitionBody = DefinitionBody.FromString(props.Settings.WorkerHeartbeatSeconds is { } heartbeat
                ? WorkflowDefinition.WithWorkerHeartbeatSeconds(heartbeat)
                : WorkflowDefinition.Template),
            DefinitionSubstitutions = substitutions,
            Role = Role,
            Logs = new LogOptions { Destination = LogGroup, Level = LogLevel.ERROR, IncludeExecutionData = false },
            TracingEnabled = props.Settings.Tracing,
        });
        // The ARNs above are built from names; make sure the role's policy exists before the first execution can start.
        StateMachine.Node.AddDependency(Role);
    }

    public Role Role { get; }

    public LogGroup LogGroup { get; }

    public StateMachine StateMachine { get; }

    /// <summary>One value per <see cref="WorkflowDefinition.Placeholders"/> key (tests hold the two sets equal).</summary>
    public IReadOnlyDictionary<string, string> Substitutions { get; }

    private static void AddStatements(Role role, SalesBatchWorkflowProps props)
    {
        AddDistributedMapStatements(role, props);
        AddWorkerStatements(role, props);
        AddSummaryStatements(role, props);
        AddSlackStatements(role, props);
    }

    private static void AddDistributedMapStatements(Role role, SalesBatchWorkflowProps props)
    {
        var names = props.Names;
        var bucket = props.Bucket;

        // Distributed Map: ItemReader lists processed/<day>/, ResultWriter writes reports/<day>/map/, child executions
        // run on this state machine. https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [bucket.BucketArn],
            Conditions = new Dictionary<string, object> { ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = BucketPrefixes.Processed + "*" } },
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"],
            Resources = [bucket.ArnForObjects(BucketPrefixes.Reports + "*")],
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps { Actions = ["states:StartExecution"], Resources = [names.StateMachineArn] }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["states:DescribeExecution", "states:StopExecution"], Resources = [names.ExecutionsArn],
        }));
    }

    private static void AddWorkerStatements(Role role, SalesBatchWorkflowProps props)
    {
        var worker = props.Worker;

        // ecs:runTask.waitForTaskToken: run the worker's family in this cluster only, and hand it its two roles.
        // https://docs.aws.amazon.com/step-functions/latest/dg/ecs-iam.html
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["ecs:RunTask"],
            Resources = [props.Names.WorkerTaskDefinitionsArn],
            Conditions = new Dictionary<string, object> { ["ArnEquals"] = new Dictionary<string, object> { ["ecs:cluster"] = worker.Cluster.ClusterArn } },
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["iam:PassRole"],
            Resources = [worker.TaskDefinition.TaskRole.RoleArn, worker.TaskDefinition.ExecutionRole!.RoleArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["iam:PassedToService"] = "ecs-tasks.amazonaws.com" },
            },
        }));
    }

    private static void AddSummaryStatements(Role role, SalesBatchWorkflowProps props)
    {
        // lambda:invoke of the summary handler (any version or alias of that one function).
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["lambda:InvokeFunction"],
            Resources = [props.Summary.Function.FunctionArn, props.Summary.Function.FunctionArn + ":*"],
        }));
    }

    private static void AddSlackStatements(Role role, SalesBatchWorkflowProps props)
    {
        // http:invoke through the EventBridge connection: POST only, and only the connection's own secret.
        // https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html#http-task-permissions
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["states:InvokeHTTPEndpoint"],
            Resources = [props.Names.StateMachineArn],
            Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["states:HTTPMethod"] = "POST" } },
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["events:RetrieveConnectionCredentials"],
            Resources = [props.Slack.Connection.ConnectionArn],
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
            Resources = [props.Slack.Connection.ConnectionSecretArn],
        }));
    }
}
