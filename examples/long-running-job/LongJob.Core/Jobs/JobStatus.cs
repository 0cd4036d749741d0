namespace LongJob.Jobs;

/// <summary>
/// A request's life in the table: PENDING when the function stored it, RUNNING once its task started, then DONE (the
/// link was mailed) or FAILED (with an error); REJECTED when the request itself was unusable and no task ran.
/// </summary>
public static class JobStatus
{
    public const string Pending = "PENDING";
    public const string Running = "RUNNING";
    public const string Done = "DONE";
    public const string Failed = "FAILED";
    public const string Rejected = "REJECTED";
}
