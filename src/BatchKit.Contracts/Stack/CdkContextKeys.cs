namespace BatchKit.Contracts.Stack;

/// <summary>
/// The CDK context keys (<c>cdk synth -c key=value</c>) the CDK app reads and the local deploy sets: the one interface
/// between the stack's description and the settings a local run or a test gives it.
/// https://docs.aws.amazon.com/cdk/v2/guide/context.html
/// </summary>
public static class CdkContextKeys
{
    /// <summary>The directory holding the upload handler's published <c>bootstrap</c>.</summary>
    public const string LambdaAssetDir = "lambdaAssetDir";

    /// <summary>The worker task's HeartbeatSeconds in the state machine (whole seconds).</summary>
    public const string WorkerHeartbeatSeconds = "workerHeartbeatSeconds";

    /// <summary>Extra worker container environment: <c>NAME=value,NAME=value</c>.</summary>
    public const string WorkerEnvironment = "workerEnvironment";
}
