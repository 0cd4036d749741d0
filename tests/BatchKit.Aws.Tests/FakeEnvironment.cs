namespace BatchKit.Aws.Tests;

/// <summary>A fixed set of environment variables (parallel tests must not mutate the real process environment).</summary>
internal sealed class FakeEnvironment(Dictionary<string, string> values) : IEnvironmentVariables
{
    public string? Get(string name) => values.GetValueOrDefault(name);
}
