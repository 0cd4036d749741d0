using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Protocol;

/// <summary>A service spoken in REST-JSON (Lambda): its operations are found from the model's HTTP bindings.</summary>
internal interface IRestJsonService
{
    /// <summary>The service's SigV4 signing name (<c>lambda</c>).</summary>
    string SigningName { get; }

    /// <summary>The botocore model its routes and input shapes come from.</summary>
    string ModelName { get; }

    /// <summary>The operations this emulation implements (each answered by one provider method of that name).</summary>
    IReadOnlyCollection<string> Operations { get; }

    bool Serves(HttpRequest request);

    /// <summary>The largest body an operation takes, and the error a larger one gets (Lambda: RequestTooLargeException for Invoke).</summary>
    (long Limit, Func<long, ServiceErrorException> TooLarge) BodyLimit(string operation);

    /// <summary>Runs the operation on a request already validated against its input shape.</summary>
    Task HandleAsync(HttpContext context, RestRequest request);
}
