namespace BatchKit.Emulator.Protocol;

/// <summary>
/// An error the emulator answers in the calling service's wire format (S3: XML &lt;Error&gt;; JSON protocols:
/// <c>{"__type": ..., "message": ...}</c>; query protocols: XML &lt;ErrorResponse&gt;), with AWS's code and HTTP
/// status. Every provider throws only these.
/// </summary>
internal sealed class ServiceErrorException(string code, string message, int statusCode = 400) : Exception(message)
{
    public string Code { get; } = code;

    public int StatusCode { get; } = statusCode;

    /// <summary>
    /// The code the same error has in the query protocol when it differs (SQS: <c>QueueDoesNotExist</c> is
    /// <c>AWS.SimpleQueueService.NonExistentQueue</c>); JSON answers carry it in <c>x-amzn-query-error</c>, as SQS
    /// does for its query-compatible clients. https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#aws-protocols-awsquerycompatible-trait
    /// </summary>
    public string? QueryCode { get; init; }
}
