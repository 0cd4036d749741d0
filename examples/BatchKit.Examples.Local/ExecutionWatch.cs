using BatchKit.Aws.StepFunctions;

namespace BatchKit.Examples.Local;

/// <summary>
/// Follows an execution an example's trigger starts, found by the name the trigger gives it, until it ends — within a
/// deadline, failing with a message that says whether it never started or is still running.
/// </summary>
public static class ExecutionWatch
{
    public static async Task<DescribeExecutionResponse> UntilEndedAsync(
        StepFunctionsClient stepFunctions, string stateMachineArn, string executionName, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stepFunctions);
        var until = DateTimeOffset.UtcNow + deadline;
        string? executionArn = null;
        while (true)
        {
            executionArn ??= (await stepFunctions.ListExecutionsAsync(stateMachineArn, cancellationToken: cancellationToken).ConfigureAwait(false))
                .Executions.FirstOrDefault(e => e.Name == executionName)?.ExecutionArn;
            if (executionArn is not null)
            {
                var execution = await stepFunctions.DescribeExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false);
                if (execution.Status != "RUNNING")
                {
                    return execution;
                }
            }

            if (DateTimeOffset.UtcNow > until)
            {
                var state = executionArn is null ? "it never started" : "still running";
                throw new TimeoutException($"the execution {executionName} did not end within {deadline.TotalSeconds:0} s ({state})");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }
}
