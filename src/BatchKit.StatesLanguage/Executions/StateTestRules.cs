using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.States;

namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// What TestState refuses before it runs a state, with the messages AWS answers (recorded against AWS in LocalStack's
/// tests/aws/services/stepfunctions/v2/test_state/*.snapshot.json): a mock only for Task, Map and Parallel states, which
/// in turn need one; a mocked result shaped as the state returns it; a Map iteration failure count only with a mock and
/// within the iterations; a context object's Task only for a Task that waits.
/// https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html
/// </summary>
internal static class StateTestRules
{
    public static void Check(State state, StateTestSetup setup)
    {
        var mock = setup.Mock;
        // AWS checks this first: a Map with a failure count and no mock gets it, not the Map-needs-a-mock error.
        if (setup.MapIterationFailureCount is not null && mock is null)
        {
            throw new StateTestRejectedException("TestState does not support MapIterationFailureCount when a mock is not specified.");
        }

        if (mock is not null && state is not (TaskState or MapState or ParallelState))
        {
            throw new StateTestRejectedException($"State type '{state.Type}' is not supported when a mock is specified");
        }

        if (mock is null && state is MapState or ParallelState)
        {
            throw new StateTestRejectedException(
                "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]",
                invalidDefinition: true);
        }

        if (mock is { IsError: false })
        {
            CheckResult(state, mock.Result, setup.MapIterationFailureCount);
        }

        if (setup.Context?.ContainsKey("Task") == true && state is not TaskState { WaitsForCompletion: true })
        {
            throw new StateTestRejectedException("Invalid Context object provided: Context object contains 'Task' when state is not a Task state "
                + "with a '.sync' or '.waitForTaskToken' service integration pattern");
        }
    }

    /// <summary>A Parallel returns one result per branch; a Map an array, or the ResultWriter's object.</summary>
    private static void CheckResult(State state, JsonNode? result, int? mapIterationFailureCount)
    {
        switch (state)
        {
            case ParallelState parallel:
                var branches = result as JsonArray ?? throw new StateTestRejectedException("Mocked result must be an array.");
                if (branches.Count != parallel.BranchCount)
                {
                    throw new StateTestRejectedException("Mocked result must contain the same number of items as number of Parallel branches.");
                }

                break;
            case MapState { WritesResults: true } when result is not JsonObject:
                throw new StateTestRejectedException("Mocked result must be a JSON object.");
            case MapState { WritesResults: false }:
                var iterations = result as JsonArray ?? throw new StateTestRejectedException("Mocked result must be an array.");
                if (mapIterationFailureCount > iterations.Count)
                {
                    throw new StateTestRejectedException("Map iteration failure count must be less than or equal to the number of Map iterations");
                }

                break;
        }
    }
}
