namespace BatchKit.StatesLanguage.Errors;

/// <summary>
/// Carries a <see cref="Failure"/> out of deep evaluation code (paths, intrinsic functions, payload
/// templates) to the state that runs it, which turns it back into a value for Retry and Catch.
/// Never escapes the interpreter.
/// </summary>
internal sealed class FailureException : Exception
{
    public FailureException(Failure failure)
        : base($"{failure.Error ?? "(no error)"}: {failure.Cause}")
    {
        Failure = failure;
    }

    public FailureException(string error, string cause)
        : this(new Failure(error, cause))
    {
    }

    public Failure Failure { get; }
}
