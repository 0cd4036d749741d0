namespace BatchKit.StatesLanguage.States;

/// <summary>
/// A Map's limits once resolved for one run: how many iterations at once (0: no limit) and how many failed child
/// executions the Map Run tolerates, as a count and as a percentage of all.
/// https://docs.aws.amazon.com/step-functions/latest/dg/maprun-fail-threshold.html
/// </summary>
internal sealed record MapRunLimits(int MaxConcurrency, long ToleratedFailureCount, double ToleratedFailurePercentage)
{
    public bool Tolerates(long failures, int total) =>
        (ToleratedFailureCount > 0 && failures <= ToleratedFailureCount)
        || (ToleratedFailurePercentage > 0 && failures * 100.0 / total <= ToleratedFailurePercentage);
}
