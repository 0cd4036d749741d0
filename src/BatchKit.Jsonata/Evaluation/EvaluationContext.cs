using System.Diagnostics;
using BatchKit.Jsonata.Values;

namespace BatchKit.Jsonata.Evaluation;

/// <summary>
/// The state of one evaluation (jsonata-js's <c>environment.base</c>): the fixed timestamp $now and $millis read,
/// and the guards. Depth counts nested node evaluations exactly as the reference's evaluate() entry and exit do, so a
/// depth limit cuts off at the same point; the time limit is checked on entry and exit too.
/// </summary>
internal sealed class EvaluationContext
{
    private const int ClockInterval = 16;

    private readonly int _maxDepth;
    private readonly long _deadline;
    private readonly bool _hasDeadline;
    private int _clockCountdown = ClockInterval;

    public EvaluationContext(JsonataLimits? limits, DateTimeOffset timestamp)
    {
        Timestamp = timestamp;
        _maxDepth = limits?.MaxDepth is > 0 and var depth ? depth : int.MaxValue;
        if (limits?.TimeLimit is { } limit && limit > TimeSpan.Zero)
        {
            _hasDeadline = true;
            _deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        }
    }

    /// <summary>The moment the evaluation started: every $now() and $millis() of it returns this.</summary>
    public DateTimeOffset Timestamp { get; }

    public int Depth { get; private set; }

    /// <summary>Set by a constructor before its first item: that item's scope becomes "parallel" right after its entry.</summary>
    public bool ParallelAfterEntry { get; set; }

    public void Enter(Frame environment)
    {
        StackGuard.Ensure();
        if (!environment.IsParallelCall && ++Depth > _maxDepth)
        {
            throw new JsonataException("U1001",
                "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.");
        }

        if (ParallelAfterEntry)
        {
            ParallelAfterEntry = false;
            environment.IsParallelCall = true;
        }

        CheckClock();
    }

    public void Exit(Frame environment)
    {
        if (!environment.IsParallelCall)
        {
            Depth--;
        }

        CheckClock();
    }

    /// <summary>
    /// Marks the scope as the reference does when a constructor starts evaluating item <paramref name="index"/> of
    /// <paramref name="count"/> concurrently: the first item's entry still counts, everything after it does not.
    /// </summary>
    public void StartParallelItem(Frame environment, int index, int count)
    {
        environment.IsParallelCall = index > 0;
        ParallelAfterEntry = index == 0 && count > 1;
    }

    private void CheckClock()
    {
        if (_hasDeadline && --_clockCountdown <= 0)
        {
            _clockCountdown = ClockInterval;
            if (Stopwatch.GetTimestamp() > _deadline)
            {
                throw new JsonataException("U1001", "Expression evaluation timeout: Check for infinite loop");
            }
        }
    }
}
