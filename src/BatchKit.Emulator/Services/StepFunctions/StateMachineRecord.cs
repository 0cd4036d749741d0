using BatchKit.StatesLanguage.Definition;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>A created state machine: its text as given, the parsed tree, and its settings.</summary>
internal sealed record StateMachineRecord(string Arn, string Name, string Definition, StateMachineDefinition Parsed, string RoleArn, string Type, DateTimeOffset CreationDate);
