using System.Security.Cryptography;
using BatchKit.Emulator.Security;
using BatchKit.Emulator.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// The REST-JSON protocol (Lambda): the operation is in the method and path (matched against the model's HTTP
/// bindings), errors carry their code in <c>x-amzn-ErrorType</c> and a JSON body. Each request is routed, read up to
/// the operation's limit, its signature verified, and its input (labels, query, headers, body) validated against the
/// model before the provider runs. https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
/// </summary>
internal sealed class RestJsonProtocol : ProtocolHandler
{
    private readonly IReadOnlyList<IRestJsonService> _services;
    private readonly SignatureVerifier _signatures;
    private readonly Dictionary<IRestJsonService, Lazy<(RestRoutes Routes, ShapeValidator Validator)>> _models;

    public RestJsonProtocol(IReadOnlyList<IRestJsonService> services, SignatureVerifier signatures)
    {
        _services = services;
        _signatures = signatures;
        // Read on the service's first request, not at start (as in AwsJsonProtocol).
        _models = services.ToDictionary(s => s, s => new Lazy<(RestRoutes, ShapeValidator)>(() =>
        {
            var model = ServiceModel.Load(s.ModelName);
            return (new RestRoutes(model, s.Operations), new ShapeValidator(model));
        }));
    }

    public IReadOnlyList<IRestJsonService> Services => _services;

    protected override string ClientErrorCode => "InvalidRequestContentException";

    protected override string ServerErrorCode => "ServiceException";

    protected override ErrorDialect Dialect => ErrorDialect.Json;

    public bool Serves(HttpRequest request) => _services.Any(s => s.Serves(request));

    protected override async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var service = _services.First(s => s.Serves(request));
        var (routes, validator) = _models[service].Value;
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var match = routes.Find(request.Method, raw.Split('?')[0]);
        var (limit, tooLarge) = match is null ? (1 << 20, JsonProtocol.TooLarge) : service.BodyLimit(match.Operation.Name);
        var body = await RequestBody.ReadAsync(request, limit, tooLarge, context.RequestAborted).ConfigureAwait(false);
        _signatures.Verify(request, ErrorDialect.Json, service.SigningName, Convert.ToHexStringLower(SHA256.HashData(body)));
        if (match is null)
        {
            throw new ServiceErrorException("UnknownOperationException", $"BatchKit's emulation does not serve {request.Method} {raw.Split('?')[0]}.", 404);
        }

        var streaming = match.Operation.InputShape is { } shape && validator.Model.Shape(shape)["payload"] is not null;
        var payload = streaming ? [] : JsonProtocol.Parse(body, ClientErrorCode);
        var input = RestInput.Gather(validator.Model, match.Operation, match.Labels, request, payload);
        validator.Validate(match.Operation.Name, input);
        await service.HandleAsync(context, new RestRequest(match.Operation.Name, match.Labels, input, body)).ConfigureAwait(false);
    }

    protected override Task WriteErrorAsync(HttpContext context, ServiceErrorException error) =>
        JsonProtocol.WriteErrorAsync(context.Response, error, "application/json");
}
