using BatchKit.StatesLanguage.Definition;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// A created state machine: its text as given, the parsed tree, and its settings. <see cref="RevisionId"/> changes with
/// every update of the definition or role; <see cref="VersionCount"/> is the number of the last version published (never
/// reused, even once that version is deleted).
/// </summary>
internal sealed record StateMachineRecord(
    string Arn, string Name, string Definition, StateMachineDefinition Parsed, string RoleArn, string Type, DateTimeOffset CreationDate,
    string RevisionId = "", int VersionCount = 0);
