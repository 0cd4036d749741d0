using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>EventBridge error codes (botocore events/2015-10-07/service-2.json).</summary>
internal static class EventBridgeErrors
{
    public static ServiceErrorException ResourceNotFound(string what) => new("ResourceNotFoundException", $"Failed to describe the connection(s). Connection '{what}' does not exist.");

    public static ServiceErrorException ResourceAlreadyExists(string name) => new("ResourceAlreadyExistsException", $"Connection {name} already exists.");

    public static ServiceErrorException Validation(string message) => new("ValidationException", message);
}
