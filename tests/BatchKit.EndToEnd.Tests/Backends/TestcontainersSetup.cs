using BatchKit.Testcontainers;
using DotNet.Testcontainers.Configurations;

namespace BatchKit.EndToEnd.Tests.Backends;

/// <summary>Testcontainers' settings for this machine, set once before its first container.</summary>
internal static class TestcontainersSetup
{
    private static readonly Lazy<bool> Prepared = new(() =>
    {
        EngineApiVersion.Announce(); // before Testcontainers reads its settings
        // Ryuk, Testcontainers' reaper, is an image from a registry, and none is reachable here: each backend stops its
        // container itself (DisposeAsync), by its id.
        TestcontainersSettings.ResourceReaperEnabled = false;
        return true;
    });

    public static void Prepare() => _ = Prepared.Value;
}
