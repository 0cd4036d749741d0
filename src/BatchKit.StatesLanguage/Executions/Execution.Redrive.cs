namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// RedriveExecution: a FAILED, TIMED_OUT or ABORTED execution restarts from the state it did not finish, keeping what
/// succeeded. https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html
/// </summary>
public sealed partial class Execution
{
    /// <summary>An execution can be redriven within 14 days of its end.</summary>
    public static readonly TimeSpan RedriveWindow = TimeSpan.FromDays(14);

    /// <summary>AWS's hard limits: 1,000 redrives of one execution, and no redrive once the history holds 24,999 events.</summary>
    public const int MaxRedrives = 1000;

    public const int MaxHistoryEventsToRedrive = 24_999;

    /// <summary>Why RedriveExecution would refuse this execution now, or null when it can be redriven.</summary>
    public string? RedriveRefusal(DateTimeOffset now)
    {
        lock (_lock)
        {
            return RefusalLocked(now);
        }
    }

    private string? RefusalLocked(DateTimeOffset now)
    {
        var status = Status == ExecutionStatus.TimedOut ? "TIMED_OUT" : Status.ToString().ToUpperInvariant();
        if (Status is ExecutionStatus.Running or ExecutionStatus.Succeeded)
        {
            return $"Execution is {status}, only FAILED, TIMED_OUT or ABORTED executions can be redriven";
        }

        if (StopDate is { } stop && now - stop > RedriveWindow)
        {
            return "Execution ended more than 14 days ago and can no longer be redriven";
        }

        if (RedriveCount >= MaxRedrives)
        {
            return $"Execution has been redriven {RedriveCount} times, the most allowed";
        }

        return _run.History.Count >= MaxHistoryEventsToRedrive
            ? $"Execution history has {_run.History.Count} events, at least {MaxHistoryEventsToRedrive} cannot be redriven"
            : null;
    }

    /// <summary>
    /// Moves the execution back to RUNNING on <paramref name="run"/> (the engine's services; the history, Map Runs and
    /// memo carried over); false when it is no longer redrivable (another redrive won the race).
    /// </summary>
    internal bool BeginRedrive(ExecutionRun run, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (RefusalLocked(now) is not null)
            {
                return false;
            }

            _run = run;
            Status = ExecutionStatus.Running;
            StopDate = null;
            Output = null;
            Error = null;
            Cause = null;
            RedriveCount++;
            RedriveDate = now;
            _completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }
}
