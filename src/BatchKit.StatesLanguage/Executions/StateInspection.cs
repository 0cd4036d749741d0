using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// What TestState reports about the one state it runs: each stage of the state's data flow (input, afterInputPath,
/// afterParameters or afterArguments, result, afterResultSelector, afterResultPath) as JSON text, the Catch or Retry
/// rule that took an error, and the error itself. A state under test is not retried: a matching Retry ends the test
/// as RETRIABLE, as AWS reports it.
/// https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html
/// </summary>
internal sealed class StateInspection
{
    public JsonObject Data { get; } = new();

    /// <summary>The error a Catch rule took (status CAUGHT_ERROR).</summary>
    public Failure? Caught { get; private set; }

    /// <summary>The error a Retry rule would retry (status RETRIABLE).</summary>
    public Failure? Retriable { get; private set; }

    public void Record(string stage, JsonNode? value) => Data[stage] = JsonText.Serialize(value);

    public void RecordCatch(int index, Failure failure)
    {
        Caught = failure;
        Data["errorDetails"] = new JsonObject { ["catchIndex"] = index };
    }

    /// <summary>A Retry matched but had no attempts left (stateConfiguration.retrierRetryCount spent them): AWS names it, without a backoff.</summary>
    public void RecordRetriesSpent(int index) => Data["errorDetails"] = new JsonObject { ["retryIndex"] = index };

    /// <summary>A number AWS reports as such (a Map's maxConcurrency, toleratedFailureCount), not as JSON text.</summary>
    public void RecordNumber(string field, JsonNode value) => Data[field] = value;

    /// <summary>An HTTP Task's request and response (shown at TRACE only; the host decides).</summary>
    public void RecordHttp(JsonObject http)
    {
        Data["request"] = http["request"]?.DeepClone();
        Data["response"] = http["response"]?.DeepClone();
    }

    public void RecordRetry(int index, TimeSpan backoff, Failure failure)
    {
        Retriable = failure;
        Data["errorDetails"] = new JsonObject { ["retryBackoffIntervalSeconds"] = (long)backoff.TotalSeconds, ["retryIndex"] = index };
    }
}
