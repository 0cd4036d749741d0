using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Definition;
using BatchKit.StatesLanguage.Executions;
using RunningExecution = BatchKit.StatesLanguage.Executions.Execution;

namespace BatchKit.StatesLanguage.Tests;

/// <summary>Runs definitions through the engine with a scripted task integration (a fake host: unit tests of the engine's logic).</summary>
internal sealed class EngineHarness : ITaskIntegration
{
    public ConcurrentQueue<TaskInvocation> Invocations { get; } = new();

    public Func<TaskInvocation, TaskResult> Answer { get; set; } = i => TaskResult.Success(new JsonObject { ["echo"] = i.Parameters?.DeepClone() });

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public IItemReader? ItemReader { get; init; }

    public ExecutionEngine Engine => _engine ??= new ExecutionEngine(Time, this, ItemReader);

    private ExecutionEngine? _engine;

    public Task<TaskResult> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        Invocations.Enqueue(invocation);
        return Task.FromResult(Answer(invocation));
    }

    public RunningExecution Start(string definition, string input = "{}") =>
        Engine.StartExecution(StateMachineDefinition.Parse(definition), input,
            new ExecutionIdentity("arn:aws:states:us-east-1:000000000000:execution:sm:run1", "run1", "arn:aws:states:us-east-1:000000000000:stateMachine:sm", "sm", "arn:aws:iam::000000000000:role/r"));

    public static async Task<RunningExecution> Finished(RunningExecution execution)
    {
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        return execution;
    }

    public static IReadOnlyList<string> Types(RunningExecution execution) => execution.GetHistory().Select(e => e.Type).ToList();

    public static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not reached");
            }

            await Task.Delay(5);
        }
    }
}
