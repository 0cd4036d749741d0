using BatchKit.Aws;

namespace ScheduledValidation.Worker;

/// <summary>What one worker task is told through its environment (the state machine's ContainerOverrides).</summary>
internal sealed record WorkerSettings(string TaskToken, string Bucket, string Key, string ResultKey)
{
    /// <summary>The settings, or every missing variable named in one message.</summary>
    public static (WorkerSettings? Settings, string? Problem) From(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string[] names = [ValidationNames.TaskTokenVariable, ValidationNames.BucketVariable, ValidationNames.KeyVariable, ValidationNames.ResultKeyVariable];
        var values = names.Select(n => environment.Get(n)).ToArray();
        var missing = names.Where((_, i) => string.IsNullOrWhiteSpace(values[i])).ToList();
        return missing.Count == 0
            ? (new WorkerSettings(values[0]!, values[1]!, values[2]!, values[3]!), null)
            : (null, $"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not set (the state machine's ContainerOverrides set them)");
    }
}
