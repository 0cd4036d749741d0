namespace ScheduledValidation;

/// <summary>
/// The names the example's parts share: the function and its Handler, the worker's container and environment, the
/// completion event, and the resources the CDK stack and the local deploy both create under these names.
/// </summary>
public static class ValidationNames
{
    /// <summary>The one Lambda handler: lists <c>&lt;prefix&gt;/incoming/*.csv</c> and prepares one work item per file.</summary>
    public const string Prepare = "prepare";

    public static IReadOnlyList<string> Handlers { get; } = [Prepare];

    public const string PrepareFunction = "scheduled-validation-prepare";

    public const string StateMachine = "scheduled-validation";

    /// <summary>The schedule rule on the default bus that starts the state machine.</summary>
    public const string ScheduleRule = "scheduled-validation-schedule";

    /// <summary>The custom bus the completion event goes to, its rule, and the queue that rule targets.</summary>
    public const string EventBus = "scheduled-validation";

    public const string CompletedRule = "scheduled-validation-completed";

    public const string CompletedQueue = "scheduled-validation-completed";

    /// <summary>The completion event's source and detail-type, which the bus's rule matches.</summary>
    public const string EventSource = "batchkit.scheduled-validation";

    public const string CompletedDetailType = "Validation Completed";

    public const string Cluster = "scheduled-validation";

    public const string WorkerFamily = "scheduled-validation-worker";

    public const string ContainerName = "validator";

    /// <summary>The worker's image name locally (the emulator maps it to the built worker) and its program name.</summary>
    public const string WorkerImage = "scheduled-validation-worker";

    /// <summary>The variables the state machine sets on each worker task (ContainerOverrides).</summary>
    public const string TaskTokenVariable = "TASK_TOKEN";

    public const string BucketVariable = "S3_BUCKET";

    public const string KeyVariable = "S3_KEY";

    public const string ResultKeyVariable = "RESULT_KEY";
}
