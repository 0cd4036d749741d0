using Amazon.CDK;
using ScheduledValidation.Infrastructure;

// `cdk synth` / `cdk deploy` in examples/scheduled-validation run this (cdk.json). Context values: functionsAssetDir
// (the published bootstrap's folder), repositoryRoot (the worker image's build context), and optionally prefix and
// schedule.
var app = new App();
string Context(string key, string? fallback = null) => app.Node.TryGetContext(key) as string ?? fallback
    ?? throw new ArgumentException($"set the CDK context '{key}' (cdk.json does)");
var settings = new ScheduledValidationSettings(
    Context(ScheduledValidationSettings.FunctionsAssetDirKey),
    Context(ScheduledValidationSettings.RepositoryRootKey),
    Context(ScheduledValidationSettings.PrefixKey, ScheduledValidationSettings.DefaultPrefix),
    Context(ScheduledValidationSettings.ScheduleKey, ScheduledValidationSettings.DefaultSchedule));
_ = new ScheduledValidationCdkStack(app, "BatchKitScheduledValidation", settings);
app.Synth();
