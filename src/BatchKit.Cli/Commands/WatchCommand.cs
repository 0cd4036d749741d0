using System.CommandLine;
using BatchKit.Cli.Local;
using Spectre.Console;

namespace BatchKit.Cli.Commands;

/// <summary><c>batchkit watch [execution]</c>: follows an execution (the newest by default) until it ends.</summary>
internal static class WatchCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var execution = new Argument<string?>("execution")
        {
            Description = "Execution ARN or name; the newest when left out.", Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("watch", "Follow an execution live: stores done, per-store results, the day's summary and Slack messages.") { execution };
        StackEndpoint.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(console, async ct =>
        {
            using var stack = StackEndpoint.From(parse);
            var arn = await ResolveAsync(stack, parse.GetValue(execution), ct).ConfigureAwait(false);
            var ended = await new ExecutionWatcher(console, stack).WatchAsync(arn, ct).ConfigureAwait(false);
            if (ended.Status != "SUCCEEDED")
            {
                throw new BatchKitException($"the execution {ended.Name} ended {ended.Status}");
            }
        }, cancellationToken));
        return command;
    }

    /// <summary>An ARN as given, a name within the workflow, or the newest execution.</summary>
    internal static async Task<string> ResolveAsync(StackEndpoint stack, string? execution, CancellationToken cancellationToken)
    {
        if (execution?.StartsWith("arn:", StringComparison.Ordinal) == true)
        {
            return execution;
        }

        var machine = await stack.StateMachineArnAsync(cancellationToken).ConfigureAwait(false);
        var executions = (await stack.StepFunctions.ListExecutionsAsync(machine, cancellationToken: cancellationToken).ConfigureAwait(false)).Executions;
        var found = execution is null
            ? (executions.Count > 0 ? executions[0] : null)
            : executions.FirstOrDefault(e => e.Name == execution || Contracts.ExecutionNames.IsForDay(e.Name, execution));
        return found?.ExecutionArn ?? throw new BatchKitException(execution is null
            ? $"{stack.StateMachineName} has no executions yet: upload a day (batchkit upload FILE.zip, or batchkit run)"
            : $"no execution named {execution} in {stack.StateMachineName}");
    }
}
