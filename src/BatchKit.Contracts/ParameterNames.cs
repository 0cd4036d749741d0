namespace BatchKit.Contracts;

/// <summary>SSM parameter names BatchKit reads and writes.</summary>
public static class ParameterNames
{
    /// <summary>The ARN of the sales-batch state machine; the upload handler starts it.</summary>
    public const string StepFunctionArn = "/config/step_function_arn";
}
