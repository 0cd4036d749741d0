using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Lambda;

/// <summary>Lambda error codes and statuses (botocore lambda/2015-03-31/service-2.json).</summary>
internal static class LambdaErrors
{
    public static ServiceErrorException FunctionNotFound(string arn) => new("ResourceNotFoundException", $"Function not found: {arn}", 404);

    public static ServiceErrorException FunctionExists(string name) => new("ResourceConflictException", $"Function already exist: {name}", 409);

    public static ServiceErrorException InvalidParameterValue(string message) => new("InvalidParameterValueException", message);

    public static ServiceErrorException InvalidRequestContent(string message) => new("InvalidRequestContentException", message);

    public static ServiceErrorException ReservedConcurrencyExceeded() =>
        new("TooManyRequestsException",
            "Rate Exceeded. (Reason: ReservedFunctionConcurrentInvocationLimitExceeded: the function's reserved concurrency is 0)", 429);

    public static ServiceErrorException AliasNotFound(string arn) => new("ResourceNotFoundException", $"Alias not found: {arn}", 404);

    public static ServiceErrorException AliasExists(string arn) => new("ResourceConflictException", $"Alias already exists: {arn}", 409);
    /// <summary>A synchronous Invoke payload over 6 MB (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors).</summary>
    public static ServiceErrorException RequestTooLarge(long limit, string operation) =>
        new("RequestTooLargeException", $"Request must be smaller than {limit} bytes for the {operation} operation", 413);

    public static ServiceErrorException RequestEntityTooLarge(long limit, string operation) =>
        new("RequestEntityTooLargeException", $"Request must be smaller than {limit} bytes for the {operation} operation", 413);

    public static ServiceErrorException UnknownOperation(string method, string path) =>
        new("UnknownOperationException", $"BatchKit's Lambda emulation does not serve {method} {path}.", 404);
}
