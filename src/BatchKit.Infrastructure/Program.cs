using Amazon.CDK;
using BatchKit.Infrastructure;

// `cdk synth` / `cdk deploy` run this (cdk.json: "app": "dotnet run --project src/BatchKit.Infrastructure").
// Every setting is CDK context (`-c name=value` or cdk.json); see DEPLOY.md.
var app = new App();
var settings = BatchKitSettings.From(app.Node);
_ = new BatchKitStack(app, settings);
app.Synth();
