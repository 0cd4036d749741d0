using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using BatchKit.Emulator.Security;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// The AWS query protocol (STS, SES v1, and SQS for clients older than its JSON protocol): <c>Action</c>,
/// <c>Version</c> and the input as form fields of a POST (or the query of a GET), answered in XML. The service is the
/// one the request was signed for; its signature is verified over the body read (up to 1 MB) before the provider runs.
/// https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
/// </summary>
internal sealed class AwsQueryProtocol(IReadOnlyList<IQueryService> services, SignatureVerifier signatures) : ProtocolHandler
{
    private const long MaxRequestBytes = 1 << 20;

    public IReadOnlyList<IQueryService> Services => services;

    protected override string ClientErrorCode => "MalformedInput";

    protected override string ServerErrorCode => "InternalFailure";

    protected override ErrorDialect Dialect => ErrorDialect.Json;

    /// <summary>A form POST, or a GET with an Action, signed for one of the query services.</summary>
    public bool Serves(HttpRequest request)
    {
        var form = HttpMethods.IsPost(request.Method)
            && (request.ContentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        var get = HttpMethods.IsGet(request.Method) && request.Query.ContainsKey("Action");
        return (form || get) && Find(request) is not null;
    }

    protected override async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var service = Find(request)!;
        var body = await RequestBody.ReadAsync(request, MaxRequestBytes, JsonProtocol.TooLarge, context.RequestAborted).ConfigureAwait(false);
        signatures.Verify(request, ErrorDialect.Json, SigningScope.Service(request), Convert.ToHexStringLower(SHA256.HashData(body)));
        var parameters = new List<KeyValuePair<string, string>>(request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToString())));
        if (request.HasFormContentType)
        {
            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + Encoding.UTF8.GetString(body));
            parameters.AddRange(form.Select(f => KeyValuePair.Create(f.Key, f.Value.ToString())));
        }

        var action = parameters.LastOrDefault(p => p.Key == "Action").Value;
        if (string.IsNullOrEmpty(action) || !service.Operations.Contains(action))
        {
            throw new ServiceErrorException("InvalidAction", $"The action {action} is not valid for this web service (or not emulated by BatchKit).");
        }

        var input = QueryParameters.ToJson(parameters);
        var call = new QueryCall(action, input, request.Path.Value ?? "/", SigningScope.AccessKey(request));
        var result = await service.InvokeQueryAsync(call, context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context.Response, QueryXml.Response(action, result, service.XmlNamespace, service.XmlShape, context.TraceIdentifier), 200)
            .ConfigureAwait(false);
    }

    protected override Task WriteErrorAsync(HttpContext context, ServiceErrorException error)
    {
        var ns = Find(context.Request)?.XmlNamespace ?? "";
        return WriteAsync(context.Response, QueryXml.Error(error, ns, context.TraceIdentifier), error.StatusCode);
    }

    private IQueryService? Find(HttpRequest request) =>
        SigningScope.Service(request) is { } signed ? services.FirstOrDefault(s => s.SigningNames.Contains(signed)) : null;

    private static Task WriteAsync(HttpResponse response, XDocument document, int status)
    {
        response.StatusCode = status;
        response.ContentType = "text/xml";
        return response.WriteAsync(document.Declaration + Environment.NewLine + document.Root!.ToString(SaveOptions.DisableFormatting));
    }
}
