using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>Step Functions' error codes (botocore stepfunctions/2016-11-23/service-2.json).</summary>
internal static class StepFunctionsErrors
{
    public static ServiceErrorException StateMachineDoesNotExist(string arn) => new("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{arn}'");

    public static ServiceErrorException StateMachineAlreadyExists(string arn) => new("StateMachineAlreadyExists", $"State Machine Already Exists: '{arn}'");

    public static ServiceErrorException ExecutionDoesNotExist(string arn) => new("ExecutionDoesNotExist", $"Execution Does Not Exist: '{arn}'");

    public static ServiceErrorException ExecutionAlreadyExists(string arn) => new("ExecutionAlreadyExists", $"Execution Already Exists: '{arn}'");

    public static ServiceErrorException InvalidDefinition(string message) => new("InvalidDefinition", message);

    public static ServiceErrorException InvalidArn(string arn) => new("InvalidArn", $"Invalid Arn: '{arn}'");

    public static ServiceErrorException InvalidRoleArn(string arn) => new("InvalidArn", $"Invalid Role Arn: '{arn}'");

    public static ServiceErrorException InvalidName(string name) => new("InvalidName", $"Invalid Name: '{name}'");

    public static ServiceErrorException InvalidExecutionInput(string message) => new("InvalidExecutionInput", message);

    public static ServiceErrorException InvalidOutput(string message) => new("InvalidOutput", message);

    public static ServiceErrorException InvalidToken(string message) => new("InvalidToken", message);

    public static ServiceErrorException TaskDoesNotExist() => new("TaskDoesNotExist", "Task Does Not Exist");

    public static ServiceErrorException TaskTimedOut() => new("TaskTimedOut", "Task Timed Out");

    public static ServiceErrorException ResourceNotFound(string arn) => new("ResourceNotFound", $"Resource not found: '{arn}'");

    public static ServiceErrorException ExecutionNotRedrivable(string arn, string reason) =>
        new("ExecutionNotRedrivable", $"Execution '{arn}' cannot be redriven: {reason}");

    public static ServiceErrorException Validation(string message) => new("ValidationException", message);
}
