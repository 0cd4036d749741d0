using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Protocol;

/// <summary>A service spoken in the AWS JSON protocol, dispatched by its X-Amz-Target prefix.</summary>
internal interface IJsonService
{
    /// <summary>The X-Amz-Target prefix before the dot, e.g. <c>AmazonSSM</c> or <c>AWSStepFunctions</c>.</summary>
    string TargetPrefix { get; }

    /// <summary><c>application/x-amz-json-1.0</c> or <c>-1.1</c>, echoed on responses.</summary>
    string ContentType { get; }

    /// <summary>The operations this emulation implements (each answered by one provider method of that name).</summary>
    IReadOnlyCollection<string> Operations { get; }

    /// <summary>Runs one operation; unknown ones throw UnknownOperationException.</summary>
    Task<JsonNode?> InvokeAsync(string operation, JsonObject request, CancellationToken cancellationToken);
}
