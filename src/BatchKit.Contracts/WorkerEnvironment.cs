namespace BatchKit.Contracts;

/// <summary>Environment variables the workflow passes to the worker's ECS task (container overrides).</summary>
public static class WorkerEnvironment
{
    public const string TaskToken = "TASK_TOKEN";
    public const string S3Bucket = "S3_BUCKET";
    public const string S3Key = "S3_KEY";
}
