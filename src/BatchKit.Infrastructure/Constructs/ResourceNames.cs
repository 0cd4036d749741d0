using Amazon.CDK;
using BatchKit.Contracts;

namespace BatchKit.Infrastructure.Constructs;

/// <summary>
/// Physical names and ARNs built from the stack's name rather than from resource references: the bucket notifies the
/// upload function, whose policy names the state machine and the bucket, so references would form a cycle.
/// </summary>
internal sealed class ResourceNames
{
    private readonly Stack _stack;

    public ResourceNames(Stack stack, BatchKitSettings settings)
    {
        _stack = stack;
        StateMachineName = $"{stack.StackName}-sales-batch";
        WorkerFamily = $"{stack.StackName}-worker";
        BucketName = settings.BucketName ?? Fn.Join("-", ["batchkit", Aws.ACCOUNT_ID, Aws.REGION]);
    }

    public string StateMachineName { get; }

    public string WorkerFamily { get; }

    public string BucketName { get; }

    public string BucketArn => $"arn:{Aws.PARTITION}:s3:::{BucketName}";

    /// <summary>The objects under one of <see cref="BucketPrefixes"/>.</summary>
    public string ObjectsArn(string prefix) => $"{BucketArn}/{prefix}*";

    public string StateMachineArn => _stack.FormatArn(new ArnComponents
    {
        Service = "states",
        Resource = "stateMachine",
        ResourceName = StateMachineName,
        ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
    });

    /// <summary>
    /// The Distributed Map's child executions (<c>execution:&lt;name&gt;/&lt;map run&gt;:&lt;id&gt;</c>).
    /// https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html
    /// </summary>
    public string ExecutionsArn => _stack.FormatArn(new ArnComponents
    {
        Service = "states",
        Resource = "execution",
        ResourceName = StateMachineName + "/*",
        ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
    });

    /// <summary>Every revision of the worker's task definition family.</summary>
    public string WorkerTaskDefinitionsArn => _stack.FormatArn(new ArnComponents
    {
        Service = "ecs",
        Resource = "task-definition",
        ResourceName = WorkerFamily + ":*",
    });

    public string StepFunctionArnParameterArn => _stack.FormatArn(new ArnComponents
    {
        Service = "ssm",
        Resource = "parameter",
        ResourceName = ParameterNames.StepFunctionArn.TrimStart('/'),
    });
}
