using System.Security.Cryptography;
using BatchKit.Emulator.Security;
using BatchKit.Emulator.Validation;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// The AWS JSON 1.0/1.1 protocols (SSM, Step Functions, ECS, EventBridge): <c>POST /</c> with the operation in
/// <c>X-Amz-Target: Prefix.Operation</c>, dispatched to the service that owns the prefix. Each request is read
/// (up to the service's limit), its signature verified, parsed, and validated against the operation's input shape
/// in the service's botocore model before the provider runs. https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
/// </summary>
internal sealed class AwsJsonProtocol(IReadOnlyList<IJsonService> services, SignatureVerifier signatures) : ProtocolHandler
{
    private const long DefaultMaxRequestBytes = 1 << 20;
    // Read on the service's first request, not at start: a run that never calls a service does not parse its model.
    private readonly Dictionary<string, Lazy<ShapeValidator>> _validators = services.ToDictionary(
        s => s.TargetPrefix, s => new Lazy<ShapeValidator>(() => new ShapeValidator(ServiceModel.Load(s.ModelName))), StringComparer.Ordinal);

    public IReadOnlyList<IJsonService> Services => services;

    protected override string ClientErrorCode => "SerializationException";

    protected override string ServerErrorCode => "InternalFailure";

    protected override ErrorDialect Dialect => ErrorDialect.Json;

    public static bool Serves(HttpRequest request) => request.Headers.ContainsKey("X-Amz-Target");

    protected override async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var service = Find(request);
        var body = await RequestBody.ReadAsync(request, service?.MaxRequestBytes ?? DefaultMaxRequestBytes, JsonProtocol.TooLarge, context.RequestAborted)
            .ConfigureAwait(false);
        signatures.Verify(request, ErrorDialect.Json, service?.SigningName, Convert.ToHexStringLower(SHA256.HashData(body)));
        var (owner, operation) = Route(request, service);
        var input = JsonProtocol.Parse(body);
        _validators[owner.TargetPrefix].Value.Validate(operation, input);
        var result = await owner.InvokeAsync(operation, input, context.RequestAborted).ConfigureAwait(false);
        await JsonProtocol.WriteAsync(context.Response, result, owner.ContentType).ConfigureAwait(false);
    }

    protected override Task WriteErrorAsync(HttpContext context, ServiceErrorException error) =>
        JsonProtocol.WriteErrorAsync(context.Response, error, Find(context.Request)?.ContentType ?? "application/x-amz-json-1.1");

    private IJsonService? Find(HttpRequest request)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        var dot = target.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? services.FirstOrDefault(s => s.TargetPrefix == target[..dot]) : null;
    }

    private static (IJsonService Service, string Operation) Route(HttpRequest request, IJsonService? service)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        return service is null
            ? throw new ServiceErrorException("UnknownOperationException", $"BatchKit's emulator does not serve '{target}'.")
            : (service, target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..]);
    }
}
