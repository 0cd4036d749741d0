using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// A service spoken in the AWS query protocol (STS, SES v1, SQS for older clients): form-encoded <c>Action=...</c>
/// requests, XML answers. The provider works in the same JSON members as the JSON protocols; the protocol converts.
/// </summary>
internal interface IQueryService
{
    /// <summary>The SigV4 signing names that reach it (<c>sts</c>; <c>ses</c> and <c>email</c>; <c>sqs</c>).</summary>
    IReadOnlyCollection<string> SigningNames { get; }

    /// <summary>The XML namespace of its answers, e.g. <c>https://sts.amazonaws.com/doc/2011-06-15/</c>.</summary>
    string XmlNamespace { get; }

    /// <summary>How its output members are written in XML (flattened lists and maps, timestamps).</summary>
    QueryXmlShape XmlShape { get; }

    /// <summary>The operations this emulation implements.</summary>
    IReadOnlyCollection<string> Operations { get; }

    /// <summary>Runs one action on the request's parameters as JSON members; returns the action's result members.</summary>
    Task<JsonObject> InvokeQueryAsync(QueryCall call, CancellationToken cancellationToken);
}
