namespace LongJob.Local;

/// <summary>What the long-running-job deploy created: the names and ARNs the demo and the tests need next.</summary>
public sealed record LongJobDeployment(string Bucket, string Table, string Sender, string FunctionArn, string TaskDefinitionArn);
