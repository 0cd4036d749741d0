using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.DynamoDb;

/// <summary>DynamoDB error codes (botocore dynamodb/2012-08-10/service-2.json), with AWS's messages where they are known.</summary>
internal static class DynamoDbErrors
{
    public static ServiceErrorException Validation(string message) => new("ValidationException", message);

    public static ServiceErrorException InvalidParameter(string message) => new("ValidationException", "One or more parameter values were invalid: " + message);

    public static ServiceErrorException ResourceNotFound(string table) =>
        new("ResourceNotFoundException", $"Requested resource not found: Table: {table} not found");

    public static ServiceErrorException ResourceInUse(string table) => new("ResourceInUseException", $"Table already exists: {table}");

    public static ServiceErrorException ConditionalCheckFailed() => new("ConditionalCheckFailedException", "The conditional request failed");

    public static ServiceErrorException KeySchemaMismatch() => new("ValidationException", "The provided key element does not match the schema");

    public static ServiceErrorException ItemTooLarge() => new("ValidationException", "Item size has exceeded the maximum allowed size");

    public static ServiceErrorException Syntax(string expression, string message) =>
        new("ValidationException", $"Invalid {expression}: {message}");
}
