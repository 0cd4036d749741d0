namespace BatchKit.StatesLanguage.States;

/// <summary>
/// One Retry rule. Delay before attempt n (1-based) is IntervalSeconds × BackoffRate^(n-1), capped by
/// MaxDelaySeconds; JitterStrategy FULL draws uniformly below it.
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-retrying-after-an-error
/// </summary>
internal sealed record Retrier(
    IReadOnlyList<string> ErrorEquals, int IntervalSeconds, int MaxAttempts, double BackoffRate, int? MaxDelaySeconds, bool FullJitter)
{
    public TimeSpan DelayBefore(int attempt, Random random)
    {
        var seconds = IntervalSeconds * Math.Pow(BackoffRate, attempt - 1);
        if (MaxDelaySeconds is { } max)
        {
            seconds = Math.Min(seconds, max);
        }

        if (FullJitter)
        {
            seconds = random.NextDouble() * seconds;
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
