namespace BatchKit.Functions.Runtime;

/// <summary>
/// A failure a handler names: <see cref="ErrorType"/> becomes the Lambda error document's <c>errorType</c>, which Step
/// Functions uses as the Error name for Retry and Catch, and the message says what to do about it.
/// </summary>
internal sealed class HandlerException(string errorType, string message, Exception? inner = null) : Exception(message, inner)
{
    public string ErrorType { get; } = errorType;
}
