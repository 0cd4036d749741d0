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

    public void Enter()
    {
        StackGuard.Ensure();
        if (++Depth > _maxDepth)
        {
            throw new JsonataException("U1001",
                "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.");
        }

        CheckClock();
    }

    public void Exit()
    {
        Depth--;
        CheckClock();
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
