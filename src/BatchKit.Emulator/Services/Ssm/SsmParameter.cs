namespace BatchKit.Emulator.Services.Ssm;

/// <summary>One stored parameter version.</summary>
internal sealed record SsmParameter(string Name, string Type, string Value, long Version, DateTimeOffset LastModifiedDate, string? Description);
