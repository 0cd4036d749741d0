using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// The REST-JSON protocol (Lambda): the operation is in the method and path, errors carry their code in
/// <c>x-amzn-ErrorType</c> and a JSON body. https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
/// </summary>
internal sealed class RestJsonProtocol(IReadOnlyList<IRestJsonService> services) : ProtocolHandler
{
    protected override string ClientErrorCode => "InvalidRequestContentException";

    protected override string ServerErrorCode => "ServiceException";

    public bool Serves(HttpRequest request) => services.Any(s => s.Serves(request));

    protected override Task ServeAsync(HttpContext context)
    {
        SigV4Authorization.RequireService(context.Request, s3: false);
        return services.First(s => s.Serves(context.Request)).HandleAsync(context);
    }

    protected override Task WriteErrorAsync(HttpContext context, ServiceErrorException error) =>
        JsonProtocol.WriteErrorAsync(context.Response, error, "application/json");
}
