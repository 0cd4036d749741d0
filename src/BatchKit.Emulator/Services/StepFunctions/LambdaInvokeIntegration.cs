using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Services.Lambda;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// <c>arn:aws:states:::lambda:invoke</c> (request-response and .waitForTaskToken) and the legacy function-ARN
/// resource. A function error fails the state with the error document's <c>errorType</c> as Error and the document
/// as Cause, as Step Functions does; an unknown function is <c>Lambda.ResourceNotFoundException</c>.
/// https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html
/// </summary>
internal sealed class LambdaInvokeIntegration(LambdaProvider lambda)
{
    public async Task<TaskResult> InvokeAsync(TaskInvocation invocation, bool legacyResource)
    {
        var parameters = invocation.Parameters as JsonObject;
        string functionName;
        byte[] payload;
        FunctionRuntime runtime;
        try
        {
            if (legacyResource)
            {
                functionName = invocation.Resource;
                payload = Encoding.UTF8.GetBytes(invocation.Parameters?.ToJsonString() ?? "{}");
            }
            else
            {
                functionName = parameters?["FunctionName"]?.GetValue<string>()
                    ?? throw LambdaErrors.InvalidParameterValue("lambda:invoke needs Parameters.FunctionName.");
                payload = parameters["Payload"] switch
                {
                    null => "{}"u8.ToArray(),
                    JsonValue value when value.TryGetValue<string>(out var text) => Encoding.UTF8.GetBytes(text),
                    var node => Encoding.UTF8.GetBytes(node.ToJsonString()),
                };
            }

            runtime = lambda.Runtime(functionName, parameters?["Qualifier"]?.GetValue<string>());
        }
        catch (ServiceErrorException e)
        {
            return TaskResult.Failure("Lambda." + e.Code, e.Message);
        }

        if (invocation.Pattern == IntegrationPattern.WaitForTaskToken || parameters?["InvocationType"]?.GetValue<string>() == "Event")
        {
            lambda.Async.Enqueue(runtime, payload);
            return TaskResult.Success(Response(JsonValue.Create(""), 202));
        }

        var result = await runtime.InvokeAsync(payload).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return TaskResult.Failure(result.ErrorType() ?? "Lambda.Unknown", Encoding.UTF8.GetString(result.Payload));
        }

        JsonNode? output;
        try
        {
            output = result.Payload.Length == 0 ? null : JsonNode.Parse(result.Payload);
        }
        catch (JsonException)
        {
            output = JsonValue.Create(Encoding.UTF8.GetString(result.Payload));
        }

        return TaskResult.Success(legacyResource ? output : Response(output, 200));
    }

    private static JsonObject Response(JsonNode? payload, int status) => new()
    {
        ["ExecutedVersion"] = "$LATEST",
        ["Payload"] = payload,
        ["SdkHttpMetadata"] = new JsonObject { ["HttpStatusCode"] = status },
        ["SdkResponseMetadata"] = new JsonObject { ["RequestId"] = Guid.NewGuid().ToString() },
        ["StatusCode"] = status,
    };
}
