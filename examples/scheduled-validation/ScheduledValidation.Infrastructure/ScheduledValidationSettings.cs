namespace ScheduledValidation.Infrastructure;

/// <summary>The stack's settings, from the CDK context (cdk.json, or <c>cdk synth -c schedule="rate(15 minutes)"</c>).</summary>
internal sealed record ScheduledValidationSettings(string FunctionsAssetDir, string RepositoryRoot, string Prefix, string Schedule)
{
    public const string FunctionsAssetDirKey = "functionsAssetDir";
    public const string RepositoryRootKey = "repositoryRoot";
    public const string PrefixKey = "prefix";
    public const string ScheduleKey = "schedule";
    public const string DefaultPrefix = "orders";
    public const string DefaultSchedule = "rate(1 hour)";

    /// <summary>The worker's Dockerfile, relative to the repository root (its build context).</summary>
    public const string WorkerDockerfile = "examples/scheduled-validation/ScheduledValidation.Worker/Dockerfile";
}
