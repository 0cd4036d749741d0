using Amazon.CDK;
using Payroll.Infrastructure;

// `cdk synth` / `cdk deploy` in examples/payroll run this (cdk.json). The one setting is the context value
// functionsAssetDir: the folder holding the published payroll bootstrap (`make -C examples/payroll artifacts`).
var app = new App();
var assetDir = app.Node.TryGetContext(PayrollCdkStack.FunctionsAssetDirKey) as string
    ?? throw new ArgumentException($"set the CDK context '{PayrollCdkStack.FunctionsAssetDirKey}' (cdk.json does) to the published bootstrap's folder");
_ = new PayrollCdkStack(app, "BatchKitPayroll", assetDir);
app.Synth();
