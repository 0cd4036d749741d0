namespace BatchKit.EndToEnd.Tests.Backends;

/// <summary>
/// The backend a run of the end-to-end suite uses, read from <c>BATCHKIT_E2E_BACKEND</c> (process, the default;
/// container; localstack). LocalStack's images need an auth token and cannot be pulled here, so it is chosen only when
/// both <c>BATCHKIT_LOCALSTACK_IMAGE</c> and <c>LOCALSTACK_AUTH_TOKEN</c> are set; otherwise the run uses the process
/// backend and <see cref="NotChosen"/> says why (no test is skipped for it: the summary of the run says so).
/// </summary>
public sealed record BackendChoice(EndToEndBackend Backend, string? NotChosen = null, string? LocalStackImage = null)
{
    public const string BackendVariable = "BATCHKIT_E2E_BACKEND";
    public const string LocalStackImageVariable = "BATCHKIT_LOCALSTACK_IMAGE";
    public const string LocalStackTokenVariable = "LOCALSTACK_AUTH_TOKEN";

    /// <summary>
    /// Where each stack appends the line <see cref="Describe"/> gives (scripts/test.sh sets it, and prints what the runs
    /// used in its closing summary).
    /// </summary>
    public const string ReportVariable = "BATCHKIT_E2E_BACKEND_REPORT";

    public static BackendChoice FromEnvironment() => From(Environment.GetEnvironmentVariable);

    public static BackendChoice From(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var asked = environment(BackendVariable) is { Length: > 0 } value ? value : "process";
        return asked switch
        {
            "process" => new BackendChoice(EndToEndBackend.Process),
            "container" => new BackendChoice(EndToEndBackend.Container),
            "localstack" => LocalStack(environment),
            _ => throw new ArgumentException($"{BackendVariable}={asked} is not a backend: use process (the default), container or localstack"),
        };
    }

    private static BackendChoice LocalStack(Func<string, string?> environment)
    {
        string[] missing = [.. new[] { LocalStackImageVariable, LocalStackTokenVariable }.Where(v => environment(v) is not { Length: > 0 })];
        return missing.Length == 0
            ? new BackendChoice(EndToEndBackend.LocalStack, LocalStackImage: environment(LocalStackImageVariable))
            : new BackendChoice(
                EndToEndBackend.Process, $"localstack not chosen: {string.Join(" and ", missing)} {(missing.Length == 1 ? "is" : "are")} not set");
    }

    /// <summary>One line for the run's summary: the backend used, and the one asked for that was not chosen, with why.</summary>
    public string Describe() =>
        $"end-to-end backend: {Backend.ToString().ToLowerInvariant()}" + (NotChosen is null ? "" : $" ({NotChosen})");
}
