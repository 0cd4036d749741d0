namespace BatchKit.Deployment;

/// <summary>The Slack stub cannot start or cannot be used as asked: a taken port, a mapping file it cannot read.</summary>
public sealed class SlackStubException : Exception
{
    public SlackStubException(string message)
        : base(message)
    {
    }

    public SlackStubException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
