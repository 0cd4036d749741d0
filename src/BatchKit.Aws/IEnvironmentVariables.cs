namespace BatchKit.Aws;

/// <summary>The process environment as a seam, so endpoint and region resolution are testable without mutating it.</summary>
public interface IEnvironmentVariables
{
    string? Get(string name);
}

/// <summary>The real process environment.</summary>
public sealed class ProcessEnvironmentVariables : IEnvironmentVariables
{
    public static ProcessEnvironmentVariables Instance { get; } = new();

    public string? Get(string name) => Environment.GetEnvironmentVariable(name);
}
