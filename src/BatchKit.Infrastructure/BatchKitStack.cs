using Amazon.CDK.AWS.SSM;
using Amazon.CDK;
using BatchKit.Contracts.Stack;
using BatchKit.Contracts;
using BatchKit.Infrastructure.Constructs;
using Constructs;

namespace BatchKit.Infrastructure;

/// <summary>
/// The production pipeline: S3 upload -> upload Lambda -> Step Functions Distributed Map -> one Fargate worker per
/// store file -> summary Lambda -> Slack. The same artifacts the local emulator runs.
/// </summary>
internal sealed class BatchKitStack : Stack
{
    public BatchKitStack(Construct scope, BatchKitSettings settings)
        : base(scope, settings?.StackName, new StackProps
        {
            Env = settings?.Environment,
            Description = "BatchKit: serverless sales batch (S3, Lambda, Step Functions Distributed Map, ECS Fargate, Slack)",
        })
    {
        ArgumentNullException.ThrowIfNull(settings);
        Names = new ResourceNames(this, settings);
        Network = new Network(this, "Network", settings);
        Storage = new Storage(this, "Storage", Names);
        Slack = new SlackConnection(this, "Slack", settings);
        Worker = new WorkerCluster(this, "Worker", Network, Storage.Bucket, Names, settings);
        var code = PipelineFunction.CodeFrom(settings.LambdaAssetDir);
        Summary = new SummaryFunction(this, "Summary", code, Storage.Bucket, settings);
        Workflow = new SalesBatchWorkflow(this, "Workflow", new SalesBatchWorkflowProps(settings, Names, Storage.Bucket, Network, Worker, Summary, Slack));
        Upload = new UploadFunction(this, "Upload", code, Names, settings);
        Storage.NotifyUploads(Upload.Function);

        // The upload handler finds the state machine here, as it does under the emulator.
        StepFunctionArnParameter = new StringParameter(this, "StepFunctionArn", new StringParameterProps
        {
            ParameterName = ParameterNames.StepFunctionArn,
            StringValue = Workflow.StateMachine.StateMachineArn,
            Description = "BatchKit: the sales-batch state machine the upload handler starts",
        });

        // What the CLI and the end-to-end suite read from the outputs file (cdk deploy --outputs-file, or the local deploy).
        Output(StackOutputNames.BucketName, Storage.Bucket.BucketName, "the sales bucket: upload a day to uploads/<day>.zip");
        Output(StackOutputNames.StateMachineArn, Workflow.StateMachine.StateMachineArn, "the sales-batch state machine");
        Output(StackOutputNames.UploadFunctionName, Upload.Function.FunctionName, "the S3-triggered upload function");
        Output(StackOutputNames.SummaryFunctionName, Summary.Function.FunctionName, "the workflow's summary function");
        Output(StackOutputNames.ClusterArn, Worker.Cluster.ClusterArn, "the ECS cluster the workers run in");
        Output(StackOutputNames.TaskDefinitionArn, Worker.TaskDefinition.TaskDefinitionArn, "the worker's task definition");
        Output(StackOutputNames.SlackConnectionArn, Slack.Connection.ConnectionArn, "the EventBridge connection of the Slack calls");
        Output(StackOutputNames.DeadLetterQueueUrl, Upload.DeadLetterQueue.QueueUrl, "upload events that failed every attempt");
    }

    public ResourceNames Names { get; }

    public Network Network { get; }

    public Storage Storage { get; }

    public SlackConnection Slack { get; }

    public WorkerCluster Worker { get; }

    public SummaryFunction Summary { get; }

    public SalesBatchWorkflow Workflow { get; }

    public UploadFunction Upload { get; }

    public StringParameter StepFunctionArnParameter { get; }

    private void Output(string name, string value, string description) =>
        _ = new CfnOutput(this, name, new CfnOutputProps { Value = value, Description = description });
}
