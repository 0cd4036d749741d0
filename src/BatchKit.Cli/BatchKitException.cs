namespace BatchKit.Cli;

/// <summary>
/// The base of every expected failure: its message is shown to the user as is (no stack trace) and the
/// command exits with <see cref="ExitCodes.UserError"/>.
/// </summary>
internal class BatchKitException : Exception
{
    public BatchKitException(string message)
        : base(message)
    {
    }

    public BatchKitException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
