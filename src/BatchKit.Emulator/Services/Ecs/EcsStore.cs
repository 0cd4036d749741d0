using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.Ecs;

/// <summary>Clusters, task definition revisions and tasks (in memory).</summary>
internal sealed class EcsStore
{
    public ConcurrentDictionary<string, string> Clusters { get; } = new(StringComparer.Ordinal);

    /// <summary>family → revisions (index 0 is revision 1).</summary>
    public ConcurrentDictionary<string, List<JsonObject>> TaskDefinitions { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, EcsTask> Tasks { get; } = new(StringComparer.Ordinal);
}
