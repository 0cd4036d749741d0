namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// A published, immutable version of a state machine (ARN: the machine's ARN + ":" + <see cref="Version"/>).
/// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html
/// </summary>
internal sealed record StateMachineVersionRecord(
    string Arn, string StateMachineArn, int Version, string Definition, string RoleArn, string Type, string RevisionId, string? Description,
    DateTimeOffset CreationDate);
