using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>Step Functions' error codes (botocore stepfunctions/2016-11-23/service-2.json).</summary>
internal static class StepFunctionsErrors
{
    public static AwsServiceException StateMachineDoesNotExist(string arn) => new("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{arn}'");

    public static AwsServiceException StateMachineAlreadyExists(string arn) => new("StateMachineAlreadyExists", $"State Machine Already Exists: '{arn}'");

    public static AwsServiceException ExecutionDoesNotExist(string arn) => new("ExecutionDoesNotExist", $"Execution Does Not Exist: '{arn}'");

    public static AwsServiceException ExecutionAlreadyExists(string arn) => new("ExecutionAlreadyExists", $"Execution Already Exists: '{arn}'");

    public static AwsServiceException InvalidDefinition(string message) => new("InvalidDefinition", message);

    public static AwsServiceException InvalidArn(string arn) => new("InvalidArn", $"Invalid Arn: '{arn}'");

    public static AwsServiceException InvalidName(string name) => new("InvalidName", $"Invalid Name: '{name}'");

    public static AwsServiceException InvalidExecutionInput(string message) => new("InvalidExecutionInput", message);

    public static AwsServiceException InvalidOutput(string message) => new("InvalidOutput", message);

    public static AwsServiceException InvalidToken(string message) => new("InvalidToken", message);

    public static AwsServiceException TaskDoesNotExist() => new("TaskDoesNotExist", "Task Does Not Exist");

    public static AwsServiceException TaskTimedOut() => new("TaskTimedOut", "Task Timed Out");

    public static AwsServiceException ResourceNotFound(string arn) => new("ResourceNotFound", $"Resource not found: '{arn}'");

    public static AwsServiceException Validation(string message) => new("ValidationException", message);
}
