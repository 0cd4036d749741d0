namespace BatchKit.SampleData;

/// <summary>A generator option out of range; <see cref="Option"/> is its command-line name without dashes.</summary>
public sealed class InvalidOptionException(string option, string message) : Exception($"--{option}: {message}")
{
    public string Option { get; } = option;
}
