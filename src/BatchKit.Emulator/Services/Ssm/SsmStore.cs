using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator.Services.Ssm;

/// <summary>Parameters by name, each kept in the data directory (a SecureString as its ciphertext).</summary>
internal sealed class SsmStore(DataDirectory data)
{
    public RecordTable<SsmParameter> Parameters { get; } = new(data, "ssm-parameters");
}
