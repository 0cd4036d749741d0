namespace BatchKit.Emulator.Services.Lambda;

/// <summary>
/// What an invocation returned: the response payload, or (with <see cref="FunctionError"/> set) the error document
/// <c>{"errorMessage","errorType",...}</c> that Invoke answers with <c>X-Amz-Function-Error</c>.
/// https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_ResponseSyntax
/// </summary>
internal sealed record InvocationResult(byte[] Payload, string? FunctionError, string LogTail)
{
    public bool Succeeded => FunctionError is null;

    /// <summary>The errorType of a failed invocation (e.g. <c>Runtime.ExitError</c>), read from the error document.</summary>
    public string? ErrorType()
    {
        if (FunctionError is null)
        {
            return null;
        }

        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(Payload)?["errorType"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
