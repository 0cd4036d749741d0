namespace ScheduledValidation.Local;

/// <summary>What the deploy created: the names and ARNs the demo and the tests need next.</summary>
public sealed record ScheduledValidationDeployment(
    string Bucket, string Prefix, string StateMachineArn, string ScheduleRuleArn, string EventBusArn, string QueueUrl, string PrepareFunctionArn);
