using System.Diagnostics;

namespace BatchKit.Jsonata.Benchmarks;

/// <summary>
/// Measures BatchKit.Jsonata through its public API as a caller uses it: compiled once, then per iteration
/// Evaluate → JsonataResult and its JsonNode. The input is either prepared once (JsonataResult.From, as jsonata-js
/// gets an already parsed object) or converted from the JsonNode on every evaluation.
/// </summary>
internal sealed class DotNetRunner(BenchmarkCase c)
{
    private readonly JsonataExpression _expression = JsonataExpression.Compile(c.Expression);
    private readonly JsonataResult _prepared = c.HasInput ? JsonataResult.From(c.Input) : JsonataResult.Undefined;

    /// <summary>The case's result as JSON text (or "undefined").</summary>
    public string FirstResult => _expression.Evaluate(_prepared).ToJsonString() ?? "undefined";

    public double Measure(TimeSpan duration, bool convertInputEachTime)
    {
        Func<JsonataResult> evaluate = convertInputEachTime && c.HasInput
            ? () => _expression.Evaluate(c.Input)
            : () => _expression.Evaluate(_prepared);
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

        return iterations / clock.Elapsed.TotalSeconds;
    }
}
