namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// An alias of a state machine (ARN: the machine's ARN + ":" + <see cref="Name"/>) routing executions to one or two
/// versions by weight. https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-alias.html
/// </summary>
internal sealed record StateMachineAliasRecord(
    string Arn, string StateMachineArn, string Name, string? Description, IReadOnlyList<VersionWeight> Routing, DateTimeOffset CreationDate,
    DateTimeOffset UpdateDate);

/// <summary>One entry of an alias's routingConfiguration: a version ARN and its percentage of executions.</summary>
internal sealed record VersionWeight(string StateMachineVersionArn, int Weight);
