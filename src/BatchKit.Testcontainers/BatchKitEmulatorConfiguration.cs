using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace BatchKit.Testcontainers;

/// <summary>The emulator container's settings: its port on the host's loopback, data directory and runtimes.</summary>
public sealed class BatchKitEmulatorConfiguration : ContainerConfiguration
{
    public BatchKitEmulatorConfiguration(int? port = null, string? dataDirectory = null)
    {
        Port = port;
        DataDirectory = dataDirectory;
    }

    public BatchKitEmulatorConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    public BatchKitEmulatorConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    public BatchKitEmulatorConfiguration(BatchKitEmulatorConfiguration resourceConfiguration)
        : this(new BatchKitEmulatorConfiguration(), resourceConfiguration)
    {
    }

    public BatchKitEmulatorConfiguration(BatchKitEmulatorConfiguration oldValue, BatchKitEmulatorConfiguration newValue)
        : base(oldValue, newValue)
    {
        ArgumentNullException.ThrowIfNull(oldValue);
        ArgumentNullException.ThrowIfNull(newValue);
        Port = newValue.Port ?? oldValue.Port;
        DataDirectory = newValue.DataDirectory ?? oldValue.DataDirectory;
    }

    /// <summary>The port the emulator listens on, on 127.0.0.1 (host networking: no port mapping).</summary>
    public int? Port { get; }

    /// <summary>A host directory for the emulator's data, mounted at the same path; null keeps it in the container.</summary>
    public string? DataDirectory { get; }
}
