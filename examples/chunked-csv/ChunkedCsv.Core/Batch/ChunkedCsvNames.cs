namespace ChunkedCsv.Batch;

/// <summary>
/// The names the example's parts share: where uploads, chunks and outputs live in the bucket, the two tables, the two
/// state machines, the functions and the environment variables that carry settings. The local deploy and the CDK stack
/// use the same ones.
/// </summary>
public static class ChunkedCsvNames
{
    public const string Input = "input/";
    public const string Output = "output/";
    public const string Work = "work/";
    public const string PricesTable = "chunked-csv-prices";
    public const string ErrorsTable = "chunked-csv-errors";
    public const string MainStateMachine = "chunked-csv-main";
    public const string ChunkStateMachine = "chunked-csv-chunk";

    // The Handler settings the bootstrap answers to.
    public const string Trigger = "trigger";
    public const string SplitFile = "splitFile";
    public const string ReadChunk = "readChunk";
    public const string ValidateRow = "validateRow";
    public const string WriteChunk = "writeChunk";
    public const string MergeChunks = "mergeChunks";
    public const string EmailLink = "emailLink";

    public static IReadOnlyList<string> Handlers { get; } = [Trigger, SplitFile, ReadChunk, ValidateRow, WriteChunk, MergeChunks, EmailLink];

    // The trigger's environment: the main state machine, the chunk size and who gets the mail.
    public const string StateMachineArnVariable = "CHUNKED_CSV_STATE_MACHINE_ARN";
    public const string ChunkSizeVariable = "CHUNKED_CSV_CHUNK_SIZE";
    public const string RecipientVariable = "CHUNKED_CSV_RECIPIENT";

    // The emailLink function's environment: the verified sender.
    public const string SenderVariable = "CHUNKED_CSV_SENDER";

    /// <summary>The deployed function of a handler: <c>chunked-csv-splitFile</c> and so on, locally and on AWS.</summary>
    public static string FunctionName(string handler) => "chunked-csv-" + handler;

    public static string ChunkKey(string run, int index) => $"{Work}{run}/chunks/{index:D5}.csv";

    public static string ProcessedKey(string run, int index) => $"{Work}{run}/processed/{index:D5}.csv";

    /// <summary><c>input/2026/orders.csv</c> is merged into <c>output/2026/orders.csv</c>.</summary>
    public static string OutputKey(string inputKey)
    {
        ArgumentNullException.ThrowIfNull(inputKey);
        return inputKey.StartsWith(Input, StringComparison.Ordinal) ? Output + inputKey[Input.Length..] : Output + inputKey;
    }

    /// <summary>Whether an uploaded key is one the trigger runs: a <c>.csv</c> under <c>input/</c>.</summary>
    public static bool IsInput(string key) =>
        key is not null && key.StartsWith(Input, StringComparison.Ordinal) && key.EndsWith(".csv", StringComparison.Ordinal) && key.Length > Input.Length + 4;

    /// <summary>
    /// The main execution an upload starts: its file name and ETag in at most 80 letters, digits, '-' and '_', as
    /// StartExecution requires, so the same upload never runs twice.
    /// </summary>
    public static string ExecutionName(string key, string eTag)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(eTag);
        var file = Path.GetFileNameWithoutExtension(key);
        var stem = new string([.. file.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').Take(40)]);
        var tag = new string([.. eTag.Where(char.IsAsciiLetterOrDigit).Take(32)]);
        return $"{stem}-{tag}";
    }
}
