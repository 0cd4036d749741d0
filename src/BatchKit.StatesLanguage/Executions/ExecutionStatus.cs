namespace BatchKit.StatesLanguage.Executions;

/// <summary>https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html#StepFunctions-DescribeExecution-response-status</summary>
public enum ExecutionStatus
{
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}
