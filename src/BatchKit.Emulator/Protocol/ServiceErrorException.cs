namespace BatchKit.Emulator.Protocol;

/// <summary>
/// An error the emulator answers in the calling service's wire format (S3: XML &lt;Error&gt;; JSON protocols:
/// <c>{"__type": ..., "message": ...}</c>), with AWS's code and HTTP status. Every provider throws only these.
/// </summary>
internal sealed class ServiceErrorException(string code, string message, int statusCode = 400) : Exception(message)
{
    public string Code { get; } = code;

    public int StatusCode { get; } = statusCode;
}
