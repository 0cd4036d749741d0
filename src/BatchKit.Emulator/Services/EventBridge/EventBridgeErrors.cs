using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.EventBridge;

/// <summary>EventBridge error codes (botocore events/2015-10-07/service-2.json), with AWS's messages where they are known.</summary>
internal static class EventBridgeErrors
{
    public static ServiceErrorException ResourceNotFound(string what) =>
        new("ResourceNotFoundException", $"Failed to describe the connection(s). Connection '{what}' does not exist.");

    public static ServiceErrorException ResourceAlreadyExists(string name) => new("ResourceAlreadyExistsException", $"Connection {name} already exists.");

    public static ServiceErrorException BusExists(string arn) => new("ResourceAlreadyExistsException", $"Event bus {arn} already exists.");

    public static ServiceErrorException BusNotFound(string name) => new("ResourceNotFoundException", $"Event bus {name} does not exist.");

    public static ServiceErrorException RuleNotFound(string name, string bus) => new("ResourceNotFoundException",
        $"Rule {name} does not exist on EventBus {bus}.");

    public static ServiceErrorException InvalidPattern(string reason) => new("InvalidEventPatternException", "Event pattern is not valid. Reason: " + reason);

    public static ServiceErrorException Validation(string message) => new("ValidationException", message);
}
