using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;
using BatchKit.StatesLanguage.Json;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// What a Map Run's child executions produced, collected as they end (from many threads): each output in item order,
/// and, with <paramref name="recordChildren"/> (a ResultWriter), each child as ResultWriter's SUCCEEDED and FAILED files list it.
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
/// </summary>
internal sealed class MapRunResults(int count, bool recordChildren)
{
    private readonly string?[] _outputs = new string?[count];
    private readonly Lock _lock = new();

    public JsonArray Succeeded { get; } = [];

    public JsonArray Failed { get; } = [];

    public long Failures { get; private set; }

    public Failure? FirstFailure { get; private set; }

    /// <summary>The outputs in item order (null where a tolerated child failed), each parsed afresh from its child's output.</summary>
    public JsonArray Outputs()
    {
        lock (_lock)
        {
            return new JsonArray(_outputs.Select(o => o is null ? null : JsonText.Parse(o)).ToArray());
        }
    }

    public void Add(int index, Execution child, JsonNode? input)
    {
        var record = recordChildren ? Record(child, input) : null;
        lock (_lock)
        {
            if (child.Status == ExecutionStatus.Succeeded)
            {
                _outputs[index] = child.Output!;
                if (record is not null)
                {
                    Succeeded.Add((JsonNode)record);
                }

                return;
            }

            Failures++;
            FirstFailure ??= new Failure(child.Error, child.Cause);
            if (record is not null)
            {
                Failed.Add((JsonNode)record);
            }
        }
    }

    private static JsonObject Record(Execution child, JsonNode? input)
    {
        var record = new JsonObject
        {
            ["ExecutionArn"] = child.Identity.ExecutionArn,
            ["Input"] = JsonText.Serialize(input),
            ["InputDetails"] = new JsonObject { ["Included"] = true },
            ["Name"] = child.Identity.Name,
            ["RedriveCount"] = child.RedriveCount,
            ["RedriveStatus"] = "NOT_REDRIVABLE",
            ["StartDate"] = Timestamps.Format(child.StartDate),
            ["StateMachineArn"] = child.Identity.StateMachineArn,
            ["Status"] = child.Status == ExecutionStatus.TimedOut ? "TIMED_OUT" : child.Status.ToString().ToUpperInvariant(),
            ["StopDate"] = child.StopDate is { } stop ? Timestamps.Format(stop) : null,
        };
        if (child.Status == ExecutionStatus.Succeeded)
        {
            record["Output"] = child.Output;
            record["OutputDetails"] = new JsonObject { ["Included"] = true };
        }
        else
        {
            record["Error"] = child.Error;
            record["Cause"] = child.Cause;
        }

        return record;
    }
}
