using Amazon.CDK;
using ChunkedCsv.Infrastructure;

// `cdk synth` / `cdk deploy` in examples/chunked-csv run this (cdk.json). Context values: functionsAssetDir, the folder
// holding the published bootstrap (`make -C examples/chunked-csv artifacts`); senderEmail, the address the mail comes
// from (verify it in SES); recipientEmail, who gets the link; chunkSize, N records per chunk.
var app = new App();
string Context(string key) => app.Node.TryGetContext(key) as string ?? throw new ArgumentException($"set the CDK context '{key}' (cdk.json does)");
var settings = new ChunkedCsvCdkSettings(
    Context(ChunkedCsvCdkSettings.FunctionsAssetDirKey), Context(ChunkedCsvCdkSettings.SenderEmailKey), Context(ChunkedCsvCdkSettings.RecipientEmailKey),
    Context(ChunkedCsvCdkSettings.ChunkSizeKey));
_ = new ChunkedCsvCdkStack(app, "BatchKitChunkedCsv", settings);
app.Synth();
