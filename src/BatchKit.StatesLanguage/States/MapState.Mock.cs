using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Errors;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// A Map under TestState with a mock: no iteration runs. The items and limits are still resolved and inspected
/// (afterItemsPath, maxConcurrency, the tolerated failures the state sets), and stateConfiguration.mapIterationFailureCount
/// failed iterations fail the Map with States.ExceedToleratedFailureThreshold where the limits do not tolerate them.
/// https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html
/// </summary>
internal sealed partial class MapState
{
    protected override (JsonNode? Result, Failure? Failure) Mocked(Frame frame, JsonNode? effectiveInput, StateMock mock)
    {
        if (map.ItemReader is null)
        {
            var items = Items(frame, effectiveInput);
            if (!Fields.IsJsonata)
            {
                Inspect(frame, "afterItemsPath", items);
            }
        }

        var limits = new MapRunLimits((int)MaxConcurrency(frame, effectiveInput), ToleratedFailureCount(frame, effectiveInput),
            ToleratedFailurePercentage(frame, effectiveInput));
        var inspection = frame.Run.Inspection;
        inspection?.RecordNumber("maxConcurrency", limits.MaxConcurrency);
        if (map.ToleratedFailureCount is not null || map.ToleratedFailureCountPath is not null || map.ToleratedFailureCountTemplate is not null)
        {
            inspection?.RecordNumber("toleratedFailureCount", limits.ToleratedFailureCount);
        }

        if (map.ToleratedFailurePercentage is not null || map.ToleratedFailurePercentagePath is not null || map.ToleratedFailurePercentageTemplate is not null)
        {
            inspection?.RecordNumber("toleratedFailurePercentage", limits.ToleratedFailurePercentage);
        }

        var failures = frame.Run.TestSetup?.MapIterationFailureCount ?? 0;
        var iterations = (mock.Result as JsonArray)?.Count ?? failures;
        return !mock.IsError && failures > 0 && !limits.Tolerates(failures, Math.Max(iterations, 1))
            ? (null, new Failure(ErrorNames.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded"))
            : base.Mocked(frame, effectiveInput, mock);
    }
}
