using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// What a TestState request sets up beyond input and variables: a <see cref="StateMock"/>, the context object
/// (<c>$$</c>) to use instead of a generated one, and the stateConfiguration: how many retries the matching Retry has
/// already made, and how many Map iterations failed.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestStateConfiguration.html
/// </summary>
public sealed record StateTestSetup(StateMock? Mock, JsonObject? Context, int RetrierRetryCount, int? MapIterationFailureCount)
{
    public static StateTestSetup None { get; } = new(null, null, 0, null);

    /// <summary>revealSecrets: an HTTP Task's inspection shows what its EventBridge connection added to the request.</summary>
    public bool RevealSecrets { get; init; }
}
