namespace BatchKit.Emulator.Services.Sts;

/// <summary>Temporary credentials STS issued, and whose identity a call signed with them has.</summary>
internal sealed record StsSession(string AccessKeyId, string Arn, string UserId, DateTimeOffset Expiration);
