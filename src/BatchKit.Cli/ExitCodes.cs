namespace BatchKit.Cli;

/// <summary>The one exit-code table of <c>batchkit</c> (documented in README.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The user can fix it: a bad option, a missing file, a failed pipeline run. The message says what.</summary>
    public const int UserError = 1;

    /// <summary>A bug or an environment fault; the message carries the exception for a bug report.</summary>
    public const int Unexpected = 2;

    /// <summary>Interrupted with Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
