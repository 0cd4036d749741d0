using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Lambda;

/// <summary>Lambda error codes and statuses (botocore lambda/2015-03-31/service-2.json).</summary>
internal static class LambdaErrors
{
    public static ServiceErrorException FunctionNotFound(string arn) => new("ResourceNotFoundException", $"Function not found: {arn}", 404);

    public static ServiceErrorException FunctionExists(string name) => new("ResourceConflictException", $"Function already exist: {name}", 409);

    public static ServiceErrorException InvalidParameterValue(string message) => new("InvalidParameterValueException", message);

    public static ServiceErrorException InvalidRequestContent(string message) => new("InvalidRequestContentException", message);

    public static ServiceErrorException UnknownOperation(string method, string path) =>
        new("UnknownOperationException", $"BatchKit's Lambda emulation does not serve {method} {path}.", 404);
}
