namespace ChunkedCsv.Batch;

/// <summary>
/// The error names the handlers fail with. They reach Step Functions as the Lambda error document's errorType, which
/// Retry and Catch match. A bad row is never one of these: it goes to the errors table and the run goes on.
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
/// </summary>
public static class ChunkedCsvErrors
{
    /// <summary>The file (or a chunk the run wrote) is not in S3.</summary>
    public const string FileMissing = "ChunkedCsv.FileMissing";

    /// <summary>The file cannot be split: no header, or a header other than <see cref="OrderRow.Header"/>.</summary>
    public const string InvalidFile = "ChunkedCsv.InvalidFile";

    /// <summary>The event or state input is not what the handler expects.</summary>
    public const string InvalidInput = "ChunkedCsv.InvalidInput";
}
