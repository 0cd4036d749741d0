using Amazon.CDK;
using Amazon.CDK.AWS.SSM;
using BatchKit.Contracts;
using BatchKit.Infrastructure.Resources;
using Constructs;

namespace BatchKit.Infrastructure;

/// <summary>
/// BatchKit on AWS: the bucket and its upload notification, the Lambda binary as its two functions, the worker's
/// cluster and task definition, the Slack connection, the state machine, and the SSM parameter the upload Lambda
/// reads to find it. The names match what the local deploy step creates, so commands and tests work on both.
/// </summary>
internal sealed class BatchKitStack : Stack
{
    public BatchKitStack(Construct scope, string id, BatchKitSettings settings, IStackProps? props = null)
        : base(scope, id, props)
    {
        var storage = new SalesStorage(this, "Storage", settings.Versioning);
        var workflow = new SalesWorkflow(this, "Workflow", settings);
        var parameterArn = FormatArn(new ArnComponents { Service = "ssm", Resource = "parameter", ResourceName = ParameterNames.StepFunctionArn.TrimStart('/') });
        var functions = new PipelineFunctions(this, "Functions", settings.LambdaAssetDirectory, storage, workflow.StateMachineArn, parameterArn);
        storage.NotifyUploads(functions.Upload);
        var workers = new WorkerCluster(this, "Workers", settings, storage);
        workflow.Create(settings, storage, workers, functions);

        var parameter = new StringParameter(this, "StepFunctionArn", new StringParameterProps
        {
            ParameterName = ParameterNames.StepFunctionArn,
            StringValue = workflow.StateMachine!.StateMachineArn,
            Description = "The sales-batch state machine the upload Lambda starts",
        });

        _ = new CfnOutput(this, "BucketName", new CfnOutputProps { Value = storage.BucketName, Description = "Upload a day to s3://<bucket>/uploads/<day>.zip" });
        _ = new CfnOutput(this, "StateMachineArnOutput", new CfnOutputProps { Value = workflow.StateMachine.StateMachineArn });
        _ = new CfnOutput(this, "ParameterName", new CfnOutputProps { Value = parameter.ParameterName });
    }
}
