namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// A <c>.waitForTaskToken</c> task still waiting for SendTaskSuccess/Failure: the token, the execution and state that
/// issued it, when, and its last SendTaskHeartbeat (null before the first).
/// https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
/// </summary>
public sealed record WaitingTaskToken(string Token, string ExecutionArn, string StateName, DateTimeOffset IssuedAt, DateTimeOffset? LastHeartbeat);
