namespace BatchKit.StatesLanguage.Errors;

/// <summary>
/// The predefined error names of the States Language.
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-error-representation
/// </summary>
public static class ErrorNames
{
    public const string All = "States.ALL";
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";
    public const string Timeout = "States.Timeout";
    public const string TaskFailed = "States.TaskFailed";
    public const string Permissions = "States.Permissions";
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";
    public const string ParameterPathFailure = "States.ParameterPathFailure";
    public const string QueryEvaluationError = "States.QueryEvaluationError";
    public const string BranchFailed = "States.BranchFailed";
    public const string NoChoiceMatched = "States.NoChoiceMatched";
    public const string IntrinsicFailure = "States.IntrinsicFailure";
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";
    public const string ItemReaderFailed = "States.ItemReaderFailed";
    public const string ResultWriterFailed = "States.ResultWriterFailed";
    public const string Runtime = "States.Runtime";
    public const string DataLimitExceeded = "States.DataLimitExceeded";

    /// <summary>Names a definition may not use for its own errors (everything under "States." is reserved).</summary>
    public static bool IsReserved(string name) => name.StartsWith("States.", StringComparison.Ordinal);

    /// <summary>
    /// A reserved name that Retry and Catch may still list: the predefined ones, and the HTTP Task's
    /// <c>States.Http.StatusCode.NNN</c> / <c>States.Http.Socket</c> errors.
    /// https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html#connect-http-errors
    /// </summary>
    public static bool IsKnown(string name) => Predefined.Contains(name) || name.StartsWith("States.Http.", StringComparison.Ordinal);

    /// <summary>The names that are real predefined errors (so Retry/Catch may list them).</summary>
    public static readonly IReadOnlySet<string> Predefined = new HashSet<string>(StringComparer.Ordinal)
    {
        All, HeartbeatTimeout, Timeout, TaskFailed, Permissions, ResultPathMatchFailure, ParameterPathFailure,
        QueryEvaluationError, BranchFailed, NoChoiceMatched, IntrinsicFailure, ExceedToleratedFailureThreshold,
        ItemReaderFailed, ResultWriterFailed, Runtime, DataLimitExceeded,
    };
}
