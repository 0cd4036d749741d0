using Amazon.CDK;
using LongJob.Infrastructure;

// `cdk synth` / `cdk deploy` in examples/long-running-job run this (cdk.json). Context values: functionsAssetDir, the
// folder holding the published bootstrap (`make -C examples/long-running-job artifacts`); workerAssetDir, the folder
// with the worker's Dockerfile and published files; senderEmail, the address the mail comes from (verify it in SES).
var app = new App();
string Context(string key) => app.Node.TryGetContext(key) as string ?? throw new ArgumentException($"set the CDK context '{key}' (cdk.json does)");
_ = new LongJobCdkStack(app, "BatchKitLongRunningJob", Context(LongJobCdkStack.FunctionsAssetDirKey), Context(LongJobCdkStack.WorkerAssetDirKey),
    Context(LongJobCdkStack.SenderEmailKey));
app.Synth();
