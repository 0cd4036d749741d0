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
    public static async Task<JsonObject> ReadRequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new ServiceErrorException("SerializationException", "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ServiceErrorException("SerializationException", $"The request body is not valid JSON: {e.Message}");
        }
    }

    public static Task WriteAsync(HttpResponse response, JsonNode? body, string contentType, int status = 200)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        return response.WriteAsync(body?.ToJsonString() ?? "{}");
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
}
