namespace BatchKit.Jsonata;

/// <summary>
/// Guards for one evaluation, as the reference test suite applies them (its <c>depth</c> and <c>timelimit</c>):
/// more nested evaluation steps than <see cref="MaxDepth"/>, or running longer than <see cref="TimeLimit"/>, stops
/// the evaluation with error U1001. Without limits, a recursion that would exhaust the thread's stack stops with
/// D1011 instead of crashing the process.
/// </summary>
public sealed record JsonataLimits
{
    /// <summary>Most nested expression evaluations at once (each node entered counts one, as in jsonata-js).</summary>
    public int? MaxDepth { get; init; }

    /// <summary>Longest an evaluation may run.</summary>
    public TimeSpan? TimeLimit { get; init; }
}
