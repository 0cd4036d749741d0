namespace BatchKit.Contracts.Worker;

/// <summary>
/// The worker task's environment: what the workflow passes per store (container overrides in sales-batch.asl.json)
/// and the settings a deployment may give every task (the task definition's environment).
/// </summary>
public static class WorkerEnvironment
{
    /// <summary>The task token the worker answers with SendTaskSuccess or SendTaskFailure.</summary>
    public const string TaskToken = "TASK_TOKEN";

    public const string S3Bucket = "S3_BUCKET";

    /// <summary>The store file to aggregate, <c>processed/&lt;day&gt;/store_N.json</c>.</summary>
    public const string S3Key = "S3_KEY";

    /// <summary><c>fail</c> (default) or <c>quarantine</c>: what a bad row does.</summary>
    public const string RowErrorPolicy = "BATCHKIT_ROW_ERROR_POLICY";

    /// <summary>Seconds between SendTaskHeartbeat calls (below the state's HeartbeatSeconds).</summary>
    public const string HeartbeatSeconds = "BATCHKIT_HEARTBEAT_SECONDS";

    /// <summary>Extra seconds of work per store, to watch a run at human speed (demos).</summary>
    public const string SimulatedDelaySeconds = "BATCHKIT_SIMULATED_DELAY_SECONDS";

    /// <summary>The variables the workflow sets per store, in the order the definition lists them.</summary>
    public static IReadOnlyList<string> PerStore { get; } = [TaskToken, S3Bucket, S3Key];
}
