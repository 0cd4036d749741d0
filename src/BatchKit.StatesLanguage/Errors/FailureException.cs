namespace BatchKit.StatesLanguage.Errors;

/// <summary>
/// Carries a <see cref="Failure"/> out of deep evaluation code (paths, intrinsic functions, payload
/// templates, JSONata expressions) to the state that runs it, which turns it back into a value.
/// Never escapes the interpreter.
/// </summary>
internal sealed class FailureException : Exception
{
    public FailureException(Failure failure, string? location = null)
        : base($"{failure.Error ?? "(no error)"}: {failure.Cause}")
    {
        Failure = failure;
        Location = location;
    }

    public FailureException(string error, string cause, string? location = null)
        : this(new Failure(error, cause), location)
    {
    }

    public Failure Failure { get; }

    /// <summary>The field whose evaluation failed (e.g. <c>Output/result</c>), for the EvaluationFailed event.</summary>
    public string? Location { get; }
}
