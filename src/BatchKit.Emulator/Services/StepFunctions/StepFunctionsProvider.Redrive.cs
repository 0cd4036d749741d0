using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// RedriveExecution and how DescribeExecution and ListExecutions report redrives.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_RedriveExecution.html
/// https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html
/// </summary>
internal sealed partial class StepFunctionsProvider
{
    /// <summary>
    /// Restarts a FAILED, TIMED_OUT or ABORTED STANDARD execution from the state it did not finish. The same clientToken
    /// while the redrive it started is still running answers that redrive again, as AWS does.
    /// </summary>
    public JsonObject RedriveExecution(JsonObject request)
    {
        var arn = Required(request, "executionArn");
        var token = ClientToken(request["clientToken"]?.GetValue<string>());
        var record = ExecutionOf(arn);
        var execution = record.Execution;
        lock (execution)
        {
            if (token is not null && store.RedriveTokens.TryGetValue(arn, out var last) && last.Token == token && execution.Status == ExecutionStatus.Running)
            {
                return new JsonObject { ["redriveDate"] = Epoch(last.Date) };
            }

            if (!store.Executions.ContainsKey(arn))
            {
                throw StepFunctionsErrors.ExecutionNotRedrivable(arn, "it is a Map Run's child execution; redrive its parent execution");
            }

            var machine = store.StateMachines.GetValueOrDefault(record.StateMachineArn)
                ?? throw StepFunctionsErrors.ExecutionNotRedrivable(arn, "its state machine was deleted");
            if (machine.Type == "EXPRESS")
            {
                throw StepFunctionsErrors.ExecutionNotRedrivable(arn, "EXPRESS executions cannot be redriven");
            }

            if (execution.RedriveRefusal(time.GetUtcNow()) is { } reason)
            {
                throw StepFunctionsErrors.ExecutionNotRedrivable(arn, reason);
            }

            if (!engine.Redrive(execution, record.Definition ?? machine.Parsed))
            {
                throw StepFunctionsErrors.ExecutionNotRedrivable(arn, "it is no longer redrivable");
            }

            var date = execution.RedriveDate!.Value;
            if (token is not null)
            {
                store.RedriveTokens[arn] = (token, date);
            }

            archive.Track(record); // the redrive is on the disk before RedriveExecution answers
            return new JsonObject { ["redriveDate"] = Epoch(date) };
        }
    }

    /// <summary>DescribeExecution's redriveCount, redriveDate, redriveStatus and redriveStatusReason.</summary>
    private void AddRedriveFields(JsonObject response, Execution execution, bool mapRunChild)
    {
        response["redriveCount"] = execution.RedriveCount;
        if (execution.RedriveDate is { } date)
        {
            response["redriveDate"] = Epoch(date);
        }

        var reason = execution.RedriveRefusal(time.GetUtcNow());
        if (mapRunChild)
        {
            // A child is redriven through its parent's Map Run, never on its own.
            response["redriveStatus"] = reason is null ? "REDRIVABLE_BY_MAP_RUN" : "NOT_REDRIVABLE";
        }
        else
        {
            response["redriveStatus"] = reason is null ? "REDRIVABLE" : "NOT_REDRIVABLE";
        }

        if (reason is not null)
        {
            response["redriveStatusReason"] = reason;
        }
    }

    /// <summary>ListExecutions' redriveFilter: REDRIVEN (redriven at least once) or NOT_REDRIVEN.</summary>
    private static Func<ExecutionRecord, bool> RedriveFilter(string? filter) => filter switch
    {
        null => _ => true,
        "REDRIVEN" => r => r.Execution.RedriveCount > 0,
        "NOT_REDRIVEN" => r => r.Execution.RedriveCount == 0,
        _ => throw StepFunctionsErrors.Validation(
            $"1 validation error detected: Value '{filter}' at 'redriveFilter' failed to satisfy constraint: "
            + "Member must satisfy enum value set: [REDRIVEN, NOT_REDRIVEN]"),
    };

    private static string? ClientToken(string? token) => token is null || ClientTokenPattern().IsMatch(token) ? token
        : throw StepFunctionsErrors.Validation(
            $"1 validation error detected: Value '{token}' at 'clientToken' failed to satisfy constraint: "
            + "Member must have length between 1 and 64 and satisfy pattern [!-~]+");

    [GeneratedRegex(@"^[!-~]{1,64}\z")]
    private static partial Regex ClientTokenPattern();
}
