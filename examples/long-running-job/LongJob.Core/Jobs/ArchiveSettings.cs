namespace LongJob.Jobs;

/// <summary>
/// The archive task's settings: the verified SES sender, how long the link works (S3 allows at most 7 days for a
/// link signed with SigV4), and whether the endpoint speaks plain HTTP (a local emulator) so the link does too.
/// </summary>
public sealed record ArchiveSettings(string Sender, TimeSpan LinkLifetime, bool PlainHttp)
{
    public static readonly TimeSpan MaxLinkLifetime = TimeSpan.FromDays(7);
}
