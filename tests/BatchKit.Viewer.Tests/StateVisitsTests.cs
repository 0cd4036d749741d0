using BatchKit.Emulator.Viewer.Api;
using BatchKit.StatesLanguage.Definition;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Viewer.Tests;

/// <summary>
/// Reading the passes through states back from histories the real engine records: retries, Catch, Fail states,
/// Parallel branches and a stopped execution. The task integration is a scripted stand-in (pure logic, no services).
/// </summary>
public sealed class StateVisitsTests
{
    private static readonly ExecutionIdentity Identity = new(
        "arn:aws:states:us-east-1:000000000000:execution:m:e",
        "e",
        "arn:aws:states:us-east-1:000000000000:stateMachine:m",
        "m",
        "arn:aws:iam::000000000000:role/r");

    [Fact]
    public async Task A_task_that_fails_once_and_is_retried_succeeds_with_its_retried_failure_kept()
    {
        var visits = await RunAsync(
            """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":1}],"End":true}}}
            """,
            new ScriptedIntegration(TaskResult.Failure("Boom", "first try"), TaskResult.Success(new System.Text.Json.Nodes.JsonObject { ["ok"] = true })));

        var task = Assert.Single(visits);
        Assert.Equal(("T", "Task", StateVisit.Succeeded, 2), (task.Name, task.Type, task.Status, task.Attempts));
        Assert.Null(task.Error);
        Assert.Equal([("Boom", "first try")], task.RetriedFailures);
        Assert.Equal("""{"ok":true}""", task.Output);
    }

    [Fact]
    public async Task A_caught_failure_keeps_its_error_and_cause_and_the_handler_runs_next()
    {
        var visits = await RunAsync(
            """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                   "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"H"}],"End":true},
              "H":{"Type":"Pass","End":true}}}
            """,
            new ScriptedIntegration(TaskResult.Failure("BatchKit.InvalidData", "row 17: UnitPrice \"abc\" is not a decimal number")));

        Assert.Equal(["T", "H"], visits.Select(v => v.Name));
        const string cause = "row 17: UnitPrice \"abc\" is not a decimal number";
        Assert.Equal((StateVisit.Caught, "BatchKit.InvalidData", cause), (visits[0].Status, visits[0].Error, visits[0].Cause));
        Assert.Equal(StateVisit.Succeeded, visits[1].Status);
    }

    [Fact]
    public async Task A_Fail_state_takes_the_executions_error_and_cause()
    {
        var visits = await RunAsync("""{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Day.Rejected","Cause":"no stores"}}}""", new ScriptedIntegration());

        var fail = Assert.Single(visits);
        Assert.Equal(("Fail", StateVisit.Failed, "Day.Rejected", "no stores"), (fail.Type, fail.Status, fail.Error, fail.Cause));
        Assert.NotNull(fail.End);
    }

    [Fact]
    public async Task Parallel_branch_states_are_their_own_passes_and_the_Parallel_state_ends_after_them()
    {
        var visits = await RunAsync(
            """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Pass","Assign":{"seen":true},"End":true}}}]}}}
            """,
            new ScriptedIntegration());

        Assert.Equal(["A", "B", "P"], visits.Select(v => v.Name).Order(StringComparer.Ordinal));
        Assert.All(visits, v => Assert.Equal(StateVisit.Succeeded, v.Status));
        var parallel = visits.Single(v => v.Name == "P");
        Assert.All(visits.Where(v => v.Name != "P"), v => Assert.True(v.End <= parallel.End));
        Assert.Equal("true", visits.Single(v => v.Name == "B").AssignedVariables!["seen"]!.GetValue<string>());
        Assert.Contains(parallel.EventIds, id => id != parallel.EnteredEventId); // ParallelStateStarted/Succeeded are its own
    }

    [Fact]
    public async Task Stopping_an_execution_aborts_the_state_it_was_in()
    {
        var engine = new ExecutionEngine(TimeProvider.System, new ScriptedIntegration());
        var execution = engine.StartExecution(
            StateMachineDefinition.Parse("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":600,"End":true}}}"""), "{}", Identity);
        await Eventually.TrueAsync(() => StateVisits.Read(execution.GetHistory()).Count == 1, "the Wait state was entered");

        Assert.True(execution.Stop("Viewer", "stopped"));

        var wait = Assert.Single(StateVisits.Read(execution.GetHistory()));
        Assert.Equal((StateVisit.Aborted, "Viewer", "stopped"), (wait.Status, wait.Error, wait.Cause));
    }

    private static async Task<List<StateVisit>> RunAsync(string definition, ScriptedIntegration integration)
    {
        var execution = new ExecutionEngine(TimeProvider.System, integration).StartExecution(StateMachineDefinition.Parse(definition), "{}", Identity);
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        return StateVisits.Read(execution.GetHistory());
    }

    /// <summary>Answers each Task call with the next scripted result.</summary>
    private sealed class ScriptedIntegration(params TaskResult[] results) : ITaskIntegration
    {
        private int _next;

        public Task<TaskResult> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) =>
            Task.FromResult(results[Interlocked.Increment(ref _next) - 1]);
    }
}
