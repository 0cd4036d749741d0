using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// The AWS JSON 1.0/1.1 protocols (SSM, Step Functions, ECS, EventBridge): <c>POST /</c> with the operation in
/// <c>X-Amz-Target: Prefix.Operation</c>, dispatched to the service that owns the prefix.
/// https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
/// </summary>
internal sealed class AwsJsonProtocol(IReadOnlyList<IJsonService> services) : ProtocolHandler
{
    protected override string ClientErrorCode => "SerializationException";

    protected override string ServerErrorCode => "InternalFailure";

    public static bool Serves(HttpRequest request) => request.Headers.ContainsKey("X-Amz-Target");

    protected override async Task ServeAsync(HttpContext context)
    {
        var (service, operation) = Route(context.Request);
        SigV4Authorization.RequireService(context.Request, s3: false);
        var body = await JsonProtocol.ReadRequestAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var result = await service.InvokeAsync(operation, body, context.RequestAborted).ConfigureAwait(false);
        await JsonProtocol.WriteAsync(context.Response, result, service.ContentType).ConfigureAwait(false);
    }

    protected override Task WriteErrorAsync(HttpContext context, ServiceErrorException error)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var contentType = services.FirstOrDefault(s => target.StartsWith(s.TargetPrefix + ".", StringComparison.Ordinal))?.ContentType
            ?? "application/x-amz-json-1.1";
        return JsonProtocol.WriteErrorAsync(context.Response, error, contentType);
    }

    private (IJsonService Service, string Operation) Route(HttpRequest request)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        var dot = target.IndexOf('.', StringComparison.Ordinal);
        var service = dot > 0 ? services.FirstOrDefault(s => s.TargetPrefix == target[..dot]) : null;
        return service is null
            ? throw new ServiceErrorException("UnknownOperationException", $"BatchKit's emulator does not serve '{target}'.")
            : (service, target[(dot + 1)..]);
    }
}
