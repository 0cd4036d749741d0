namespace BatchKit.Jsonata.Evaluation;

/// <summary>What a built-in or host function sees of its caller: the scope and the context value (jsonata-js's <c>this</c>).</summary>
internal readonly record struct NativeCall(Frame Environment, object? Input);
