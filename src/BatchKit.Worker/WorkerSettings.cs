using System.Globalization;
using BatchKit.Aws;
using BatchKit.Contracts.Worker;
using BatchKit.Sales;

namespace BatchKit.Worker;

/// <summary>
/// What the task was asked to do, from the environment the workflow's container overrides set
/// (<c>TASK_TOKEN</c>, <c>S3_BUCKET</c>, <c>S3_KEY</c>) plus optional settings.
/// </summary>
internal sealed record WorkerSettings(string TaskToken, string Bucket, string Key, RowErrorPolicy Policy, TimeSpan HeartbeatInterval, TimeSpan SimulatedDelay)
{
    /// <summary>Reads the settings, or throws <see cref="WorkerConfigurationException"/> naming every missing or bad variable.</summary>
    public static WorkerSettings From(IEnvironmentVariables environment)
    {
        var problems = new List<string>();
        string Required(string name)
        {
            var value = environment.Get(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{name} is not set");
            }

            return value ?? "";
        }

        var token = Required(WorkerEnvironment.TaskToken);
        var bucket = Required(WorkerEnvironment.S3Bucket);
        var key = Required(WorkerEnvironment.S3Key);
        var policy = RowErrorPolicy.Fail;
        if (environment.Get(WorkerEnvironment.RowErrorPolicy) is { Length: > 0 } p && !Enum.TryParse(p, ignoreCase: true, out policy))
        {
            problems.Add($"{WorkerEnvironment.RowErrorPolicy} must be Fail or Quarantine, got '{p}'");
        }

        var heartbeat = Seconds(environment, WorkerEnvironment.HeartbeatSeconds, 10, problems, positive: true);
        var delay = Seconds(environment, WorkerEnvironment.SimulatedDelaySeconds, 0, problems, positive: false);
        if (problems.Count > 0)
        {
            throw new WorkerConfigurationException(string.Join("; ", problems), token.Length > 0 ? token : null);
        }

        return new WorkerSettings(token, bucket, key, policy, TimeSpan.FromSeconds(heartbeat), TimeSpan.FromSeconds(delay));
    }

    /// <summary>A heartbeat interval must be above zero (a timer of zero would spin); a delay may be zero.</summary>
    private static double Seconds(IEnvironmentVariables environment, string name, double fallback, List<string> problems, bool positive)
    {
        var text = environment.Get(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            && (positive ? value > 0 : value >= 0) && value <= TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return value;
        }

        problems.Add($"{name} must be a number of seconds{(positive ? " above 0" : "")}, got '{text}'");
        return fallback;
    }
}

/// <summary>The task cannot start: the message names every problem; the token, if any, still gets an answer.</summary>
internal sealed class WorkerConfigurationException(string message, string? taskToken) : Exception(message)
{
    public string? TaskToken { get; } = taskToken;
}
