namespace BatchKit.Contracts.Stack;

/// <summary>
/// The CloudFormation outputs of the BatchKit stack: the names and ARNs the CLI and the end-to-end suite read from
/// <c>.batchkit/outputs.json</c> (the file <c>cdk deploy --outputs-file</c> writes, and the local deploy writes in the
/// same shape), so they work the same against the emulator, LocalStack or AWS.
/// https://docs.aws.amazon.com/cdk/v2/guide/ref-cli-cmd-deploy.html#ref-cli-cmd-deploy-options
/// </summary>
public static class StackOutputNames
{
    public const string BucketName = "BucketName";
    public const string StateMachineArn = "StateMachineArn";
    public const string UploadFunctionName = "UploadFunctionName";
    public const string SummaryFunctionName = "SummaryFunctionName";
    public const string ClusterArn = "ClusterArn";
    public const string TaskDefinitionArn = "TaskDefinitionArn";
    public const string SlackConnectionArn = "SlackConnectionArn";
    public const string DeadLetterQueueUrl = "DeadLetterQueueUrl";
}
