namespace BatchKit.Emulator.Services.Ssm;

/// <summary>One stored parameter version; a SecureString's <see cref="Value"/> is its ciphertext (see <see cref="SsmSecureString"/>).</summary>
internal sealed record SsmParameter(string Name, string Type, string Value, long Version, DateTimeOffset LastModifiedDate, string? Description)
{
    public string Tier { get; init; } = "Standard";
}
