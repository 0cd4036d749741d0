namespace ScheduledValidation;

/// <summary>
/// The error names the handler and the worker fail with; Step Functions' Retry and Catch match them.
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
/// </summary>
public static class ValidationErrors
{
    /// <summary>The schedule's input (bucket, prefix, time) is not what the prepare handler expects.</summary>
    public const string InvalidInput = "Validation.InvalidInput";

    /// <summary>A listed file was gone when its task read it.</summary>
    public const string FileMissing = "Validation.FileMissing";

    /// <summary>The worker's settings (its environment) are incomplete.</summary>
    public const string WorkerConfiguration = "Validation.WorkerConfiguration";
}
