using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// The AWS JSON protocol (SSM, Step Functions, ECS, EventBridge): <c>POST /</c>, operation in
/// <c>X-Amz-Target: Prefix.Operation</c>, JSON bodies, errors as <c>{"__type": "Code", "message": "..."}</c>.
/// https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
/// </summary>
internal static class JsonProtocol
{
    /// <summary>No AWS input shape nests anywhere near this deep; a deeper body is refused before any recursion.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    /// <summary>
    /// Answers are JSON for API clients, never HTML: quotes and ampersands stay as they are (AWS writes
    /// <c>Value 'x' at 'name'</c>, not <c>\u0027x\u0027</c>); what JSON itself requires is still escaped.
    /// </summary>
    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The body as a JSON object (empty for an empty body), or SerializationException naming what is wrong.</summary>
    public static JsonObject Parse(ReadOnlyMemory<byte> body, string errorCode = "SerializationException")
    {
        if (body.IsEmpty || body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(body.Span, documentOptions: Options) as JsonObject
                ?? throw new ServiceErrorException(errorCode, "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ServiceErrorException(errorCode, $"The request body is not valid JSON (at most {MaxDepth} levels deep): {e.Message}");
        }
    }

    public static Task WriteAsync(HttpResponse response, JsonNode? body, string contentType, int status = 200)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        return response.WriteAsync(body?.ToJsonString(WriteOptions) ?? "{}");
    }

    public static Task WriteErrorAsync(HttpResponse response, ServiceErrorException error, string contentType)
    {
        response.Headers["x-amzn-ErrorType"] = error.Code;
        if (error.QueryCode is { } queryCode)
        {
            response.Headers["x-amzn-query-error"] = $"{queryCode};{(error.StatusCode < 500 ? "Sender" : "Receiver")}";
        }

        return WriteAsync(response, new JsonObject { ["__type"] = error.Code, ["message"] = error.Message }, contentType, error.StatusCode);
    }

    /// <summary>413, as the JSON services answer a body over their limit.</summary>
    public static ServiceErrorException TooLarge(long limit) =>
        new("RequestEntityTooLargeException", $"Request must be smaller than {limit} bytes for this operation.", 413);
}
