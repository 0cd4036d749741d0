namespace ChunkedCsv.Local;

/// <summary>What the chunked-CSV deploy created: the names and ARNs the demo and the tests need next.</summary>
public sealed record ChunkedCsvDeployment(
    string Bucket, string MainStateMachineArn, string ChunkStateMachineArn, string Recipient, IReadOnlyDictionary<string, string> FunctionArns);
