namespace BatchKit.StatesLanguage.Definition;

/// <summary>
/// A definition CreateStateMachine would refuse (AWS: InvalidDefinition), with every problem found, not just the first.
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
/// </summary>
public sealed class InvalidDefinitionException(IReadOnlyList<DefinitionError> errors)
    : Exception($"Invalid State Machine Definition: '{string.Join(", ", errors)}'")
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
