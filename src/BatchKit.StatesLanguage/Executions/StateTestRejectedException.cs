namespace BatchKit.StatesLanguage.Executions;

/// <summary>
/// A TestState request the state under test cannot take, with AWS's message: a ValidationException, or an
/// InvalidDefinition where AWS answers so (a Map or Parallel state without a mock).
/// </summary>
public sealed class StateTestRejectedException(string message, bool invalidDefinition = false) : Exception(message)
{
    public bool InvalidDefinition => invalidDefinition;
}
