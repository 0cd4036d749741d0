using Amazon.CDK;
using BatchKit.Infrastructure;

// `cdk synth` / `cdk deploy` run this (cdk.json). Synthesis needs no AWS credentials: the account and region come from
// the CLI's environment at deploy time (CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION), or stay environment-agnostic.
var app = new App();
var settings = BatchKitSettings.FromContext(app.Node);
_ = new BatchKitStack(app, "BatchKit", settings, new StackProps
{
    Description = "BatchKit: serverless sales batch pipeline (S3 upload → Lambda → Step Functions Distributed Map → ECS Fargate → Slack)",
    Env = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT") is { Length: > 0 } account
        ? new Amazon.CDK.Environment { Account = account, Region = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION") }
        : null,
});
app.Synth();
