using System.Diagnostics;

namespace BatchKit.Jsonata.Benchmarks;

/// <summary>
/// Measures BatchKit.Jsonata through its public API as a caller uses it: compiled once, then per iteration
/// Evaluate → JsonataResult and its JsonNode. The input is either prepared once (JsonataResult.From, as jsonata-js
/// gets an already parsed object) or converted from the JsonNode on every evaluation.
/// </summary>
internal static class DotNetRunner
{
    public static Measurement Measure(BenchmarkCase c, TimeSpan duration, bool convertInputEachTime)
    {
        var expression = JsonataExpression.Compile(c.Expression);
        var prepared = c.HasInput ? JsonataResult.From(c.Input) : JsonataResult.Undefined;
        Func<JsonataResult> evaluate = convertInputEachTime && c.HasInput
            ? () => expression.Evaluate(c.Input)
            : () => expression.Evaluate(prepared);
        var first = evaluate();
        var clock = Stopwatch.StartNew();
        long iterations = 0;
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < 64; i++)
            {
                _ = evaluate().Value;
            }

            iterations += 64;
        }

        return new Measurement(c.Id, iterations / clock.Elapsed.TotalSeconds, iterations, first.ToJsonString() ?? "undefined");
    }

    /// <summary>Every case once, so the JIT has seen all the code before anything is timed.</summary>
    public static void WarmUp(IEnumerable<BenchmarkCase> cases, TimeSpan each)
    {
        foreach (var c in cases)
        {
            Measure(c, each, convertInputEachTime: false);
            Measure(c, each / 2, convertInputEachTime: true);
        }
    }
}
