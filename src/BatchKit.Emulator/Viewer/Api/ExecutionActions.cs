using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Services.StepFunctions;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Viewer.Api;

/// <summary>
/// The viewer's only writes, each one Step Functions operation run through the emulator's own provider, so it
/// validates and answers exactly as the API does: StartExecution (with input), StopExecution, RedriveExecution.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_Operations.html
/// </summary>
internal sealed class ExecutionActions(StepFunctionsProvider stepFunctions)
{
    public static readonly IReadOnlySet<string> Operations =
        new HashSet<string>(StringComparer.Ordinal) { "StartExecution", "StopExecution", "RedriveExecution" };

    /// <summary>POST <c>/_batchkit/api/actions/{Operation}</c> with the operation's request as its JSON body.</summary>
    public async Task<JsonNode?> RunAsync(string operation, HttpRequest request)
    {
        if (!Operations.Contains(operation))
        {
            throw new ServiceErrorException("NotFound", $"The viewer has no action {operation}; it offers {string.Join(", ", Operations)}.", 404);
        }

        ViewerGuard.RequireSameOrigin(request);
        // Bounded and depth-limited like every JSON request (an action's body is a start input at most).
        var bytes = await RequestBody.ReadAsync(request, 1 << 20, JsonProtocol.TooLarge, request.HttpContext.RequestAborted).ConfigureAwait(false);
        var body = JsonProtocol.Parse(bytes);
        return await stepFunctions.InvokeAsync(operation, body, request.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
