namespace BatchKit.Jsonata.Benchmarks;

/// <summary>Evaluations per second of one case on one implementation, and the first result's JSON text.</summary>
internal sealed record Measurement(string Id, double EvaluationsPerSecond, long Iterations, string? Result);
