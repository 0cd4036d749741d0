using System.Globalization;
using BatchKit.Aws;
using BatchKit.Contracts;
using BatchKit.Sales;

namespace BatchKit.Worker;

/// <summary>
/// What the task was asked to do, from the environment the workflow's container overrides set
/// (<c>TASK_TOKEN</c>, <c>S3_BUCKET</c>, <c>S3_KEY</c>) plus optional settings.
/// </summary>
internal sealed record WorkerSettings(string TaskToken, string Bucket, string Key, RowErrorPolicy Policy, TimeSpan HeartbeatInterval, TimeSpan SimulatedDelay)
{
    public const string PolicyVariable = "BATCHKIT_ROW_ERROR_POLICY";
    public const string HeartbeatVariable = "BATCHKIT_HEARTBEAT_SECONDS";
    public const string DelayVariable = "BATCHKIT_SIMULATED_DELAY_SECONDS";

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
        if (environment.Get(PolicyVariable) is { Length: > 0 } p && !Enum.TryParse(p, ignoreCase: true, out policy))
        {
            problems.Add($"{PolicyVariable} must be Fail or Quarantine, got '{p}'");
        }

        var heartbeat = Seconds(environment, HeartbeatVariable, 10, problems);
        var delay = Seconds(environment, DelayVariable, 0, problems);
        if (problems.Count > 0)
        {
            throw new WorkerConfigurationException(string.Join("; ", problems), token.Length > 0 ? token : null);
        }

        return new WorkerSettings(token, bucket, key, policy, TimeSpan.FromSeconds(heartbeat), TimeSpan.FromSeconds(delay));
    }

    private static double Seconds(IEnvironmentVariables environment, string name, double fallback, List<string> problems)
    {
        var text = environment.Get(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        problems.Add($"{name} must be a number of seconds, got '{text}'");
        return fallback;
    }
}

/// <summary>The task cannot start: the message names every problem; the token, if any, still gets an answer.</summary>
internal sealed class WorkerConfigurationException(string message, string? taskToken) : Exception(message)
{
    public string? TaskToken { get; } = taskToken;
}
