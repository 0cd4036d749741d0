using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Protocol;

/// <summary>A service spoken in the AWS JSON protocol, dispatched by its X-Amz-Target prefix.</summary>
internal interface IJsonService
{
    /// <summary>The X-Amz-Target prefix before the dot, e.g. <c>AmazonSSM</c> or <c>AWSStepFunctions</c>.</summary>
    string TargetPrefix { get; }

    /// <summary><c>application/x-amz-json-1.0</c> or <c>-1.1</c>, echoed on responses.</summary>
    string ContentType { get; }

    /// <summary>The service's SigV4 signing name (<c>ssm</c>, <c>states</c>, <c>ecs</c>, <c>events</c>).</summary>
    string SigningName { get; }

    /// <summary>The botocore model its requests are validated against (Validation/Models/&lt;name&gt;.json.gz).</summary>
    string ModelName { get; }

    /// <summary>The largest request body the service takes (its largest documented input, with room for JSON escaping).</summary>
    long MaxRequestBytes { get; }

    /// <summary>The operations this emulation implements (each answered by one provider method of that name).</summary>
    IReadOnlyCollection<string> Operations { get; }

    /// <summary>Runs one operation on a request already validated against its input shape; unknown ones throw UnknownOperationException.</summary>
    Task<JsonNode?> InvokeAsync(string operation, JsonObject request, CancellationToken cancellationToken);
}
