namespace BatchKit.Deployment;

/// <summary>What a deploy created: the names and ARNs the CLI and tests need next.</summary>
public sealed record DeployedStack(
    string Bucket,
    string StateMachineArn,
    string UploadFunctionArn,
    string SummaryFunctionArn,
    string ClusterArn,
    string TaskDefinitionArn,
    string SlackConnectionArn);
