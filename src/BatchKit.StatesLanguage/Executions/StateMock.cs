using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// TestState's <c>mock</c>: the state's invocation (the Task's service call, the Map's iterations, the Parallel's
/// branches) is not made; its result is <see cref="Result"/>, or it fails with <see cref="Error"/> and
/// <see cref="Cause"/>. Input and output processing, Retry and Catch run as usual.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_MockInput.html
/// </summary>
public sealed record StateMock(JsonNode? Result, string? Error, string? Cause)
{
    public bool IsError => Error is not null;
}
