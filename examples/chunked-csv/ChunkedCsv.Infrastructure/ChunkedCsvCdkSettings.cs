namespace ChunkedCsv.Infrastructure;

/// <summary>The CDK app's context values (cdk.json): the bootstrap's folder, the mail's sender and recipient, N.</summary>
internal sealed record ChunkedCsvCdkSettings(string FunctionsAssetDir, string SenderEmail, string RecipientEmail, string ChunkSize)
{
    public const string FunctionsAssetDirKey = "functionsAssetDir";
    public const string SenderEmailKey = "senderEmail";
    public const string RecipientEmailKey = "recipientEmail";
    public const string ChunkSizeKey = "chunkSize";
}
