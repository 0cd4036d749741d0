using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.Sqs;

/// <summary>
/// SQS error codes (botocore sqs/2012-11-05/service-2.json), each with the code its query protocol uses, which SQS's
/// JSON answers also carry in <c>x-amzn-query-error</c> (the model is awsQueryCompatible).
/// </summary>
internal static class SqsErrors
{
    public static ServiceErrorException QueueDoesNotExist() =>
        new("QueueDoesNotExist", "The specified queue does not exist.") { QueryCode = "AWS.SimpleQueueService.NonExistentQueue" };

    public static ServiceErrorException QueueNameExists(string name) =>
        new("QueueNameExists",
            $"A queue already exists with the same name and a different value for attribute(s): {name}") { QueryCode = "QueueAlreadyExists" };

    public static ServiceErrorException ReceiptHandleIsInvalid(string handle) =>
        new("ReceiptHandleIsInvalid", $"The input receipt handle \"{handle}\" is not a valid receipt handle.") { QueryCode = "ReceiptHandleIsInvalid" };

    public static ServiceErrorException InvalidAttributeName(string name) =>
        new("InvalidAttributeName", $"Unknown Attribute {name}.") { QueryCode = "InvalidAttributeName" };

    public static ServiceErrorException InvalidParameterValue(string message) =>
        new("InvalidParameterValueException", message) { QueryCode = "InvalidParameterValue" };

    public static ServiceErrorException MissingParameter(string name) =>
        new("MissingParameter", $"The request must contain the parameter {name}.") { QueryCode = "MissingParameter" };

    public static ServiceErrorException EmptyBatchRequest() =>
        new("EmptyBatchRequest",
            "There should be at least one SendMessageBatchRequestEntry in the request.") { QueryCode = "AWS.SimpleQueueService.EmptyBatchRequest" };

    public static ServiceErrorException TooManyEntriesInBatchRequest(int count) =>
        new("TooManyEntriesInBatchRequest",
            $"Maximum number of entries per request are 10. You have sent {count}.") { QueryCode = "AWS.SimpleQueueService.TooManyEntriesInBatchRequest" };

    public static ServiceErrorException BatchEntryIdsNotDistinct(string id) =>
        new("BatchEntryIdsNotDistinct", $"Id {id} repeated.") { QueryCode = "AWS.SimpleQueueService.BatchEntryIdsNotDistinct" };

    public static ServiceErrorException MessageNotInflight() =>
        new("MessageNotInflight", "The message referred to isn't in flight.") { QueryCode = "AWS.SimpleQueueService.MessageNotInflight" };
}
