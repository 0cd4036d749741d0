namespace BatchKit.Examples.Local;

/// <summary>
/// One provided.al2023 function of an example: its name, the Handler its bootstrap dispatches on, the directory holding
/// the <c>bootstrap</c>, and its settings (the same ones the example's CDK stack declares).
/// </summary>
public sealed record FunctionSpec(string Name, string Handler, string CodeDirectory)
{
    public int Timeout { get; init; } = 60;

    public int MemorySize { get; init; } = 256;

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
