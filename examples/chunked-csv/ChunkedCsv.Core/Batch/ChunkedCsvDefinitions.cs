namespace ChunkedCsv.Batch;

/// <summary>
/// The example's two definitions, each one file every target runs (AWS through the CDK stack's DefinitionSubstitutions,
/// the emulator through the local deploy): the main workflow, which splits, runs one chunk workflow per chunk
/// (<c>states:startExecution.sync:2</c>), merges and mails; and the chunk workflow. Each placeholder names what fills it.
/// </summary>
public static class ChunkedCsvDefinitions
{
    public const string MainResource = "chunked-csv-main.asl.json";
    public const string ChunkResource = "chunked-csv-chunk.asl.json";

    public static string Main { get; } = Load(MainResource);

    public static string Chunk { get; } = Load(ChunkResource);

    /// <summary>The main definition's function placeholders → the Handler of the function whose ARN fills each.</summary>
    public static IReadOnlyDictionary<string, string> MainFunctions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SplitFileFunctionArn"] = ChunkedCsvNames.SplitFile,
        ["MergeChunksFunctionArn"] = ChunkedCsvNames.MergeChunks,
        ["EmailLinkFunctionArn"] = ChunkedCsvNames.EmailLink,
    };

    /// <summary>The main definition's other placeholder: the chunk state machine it starts per chunk.</summary>
    public const string ChunkStateMachinePlaceholder = "ChunkStateMachineArn";

    /// <summary>The chunk definition's function placeholders → Handlers.</summary>
    public static IReadOnlyDictionary<string, string> ChunkFunctions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ReadChunkFunctionArn"] = ChunkedCsvNames.ReadChunk,
        ["ValidateRowFunctionArn"] = ChunkedCsvNames.ValidateRow,
        ["WriteChunkFunctionArn"] = ChunkedCsvNames.WriteChunk,
    };

    /// <summary>The chunk definition's table placeholders → the table names.</summary>
    public static IReadOnlyDictionary<string, string> ChunkTables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PricesTableName"] = ChunkedCsvNames.PricesTable,
        ["ErrorsTableName"] = ChunkedCsvNames.ErrorsTable,
    };

    private static string Load(string resource)
    {
        using var stream = typeof(ChunkedCsvDefinitions).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded in ChunkedCsv.Core");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
