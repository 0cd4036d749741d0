namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>A created activity. https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateActivity.html</summary>
internal sealed record ActivityRecord(string Arn, string Name, DateTimeOffset CreationDate);
