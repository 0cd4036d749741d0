namespace BatchKit.Functions.Runtime;

/// <summary>A function's logic, separate from the Runtime API loop so it can be tested alone.</summary>
internal interface ILambdaHandler
{
    /// <summary>Handles one event; returns the response payload (JSON). Throws to fail the invocation.</summary>
    Task<byte[]> HandleAsync(byte[] payload, CancellationToken cancellationToken);
}
