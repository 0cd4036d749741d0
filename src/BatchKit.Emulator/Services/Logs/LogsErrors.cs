using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Logs;

/// <summary>
/// CloudWatch Logs' error codes (botocore logs/2014-03-28/service-2.json), with the messages the service answers.
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/CommonErrors.html
/// </summary>
internal static class LogsErrors
{
    public static ServiceErrorException LogGroupNotFound() => new("ResourceNotFoundException", "The specified log group does not exist.");

    public static ServiceErrorException LogStreamNotFound() => new("ResourceNotFoundException", "The specified log stream does not exist.");

    public static ServiceErrorException LogGroupExists() => new("ResourceAlreadyExistsException", "The specified log group already exists");

    public static ServiceErrorException LogStreamExists() => new("ResourceAlreadyExistsException", "The specified log stream already exists");

    public static ServiceErrorException InvalidParameter(string message) => new("InvalidParameterException", message);

    public static ServiceErrorException TooManyTags(int limit) => new("TooManyTagsException", $"A resource can have no more than {limit} tags.");
}
