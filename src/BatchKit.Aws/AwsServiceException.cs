using System.Net;

namespace BatchKit.Aws;

/// <summary>
/// An error answered by an AWS service, with its error code (the JSON protocol's <c>__type</c> without its
/// namespace), message, HTTP status and request id — callers branch on <see cref="ErrorCode"/>
/// (e.g. <c>ExecutionAlreadyExists</c>, <c>ParameterNotFound</c>, <c>TaskTimedOut</c>).
/// </summary>
public sealed class AwsServiceException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : Exception($"{errorCode}: {message}")
{
    public string ErrorCode { get; } = errorCode;

    public HttpStatusCode StatusCode { get; } = statusCode;

    public string? RequestId { get; } = requestId;

    /// <summary>Throttling and server-side errors, which are worth retrying with backoff.</summary>
    public bool IsRetryable =>
        (int)StatusCode >= 500
        || StatusCode == HttpStatusCode.TooManyRequests
        || ErrorCode is "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded"
            or "ServiceUnavailable" or "InternalFailure";
}
