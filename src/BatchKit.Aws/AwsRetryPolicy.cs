namespace BatchKit.Aws;

/// <summary>
/// When and how long a thin client waits before trying a call again: throttling, 5xx and transport failures, with
/// exponential backoff and full jitter (uniform in [0, 100 ms × 2^attempt], capped at 5 s).
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
/// </summary>
internal static class AwsRetryPolicy
{
    public static bool IsRetryable(Exception e, CancellationToken cancellationToken) => e switch
    {
        AwsServiceException aws => aws.IsRetryable,
        HttpRequestException => true,
        TaskCanceledException when !cancellationToken.IsCancellationRequested => true, // HttpClient timeout
        _ => false,
    };

    public static Task DelayAsync(int attempt, TimeProvider time, CancellationToken cancellationToken)
    {
        var ceiling = Math.Min(5000, 100 * Math.Pow(2, attempt));
        return Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), time, cancellationToken);
    }
}
