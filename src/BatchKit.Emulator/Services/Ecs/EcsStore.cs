using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator.Services.Ecs;

/// <summary>
/// Clusters and task definition revisions (kept in the data directory), and tasks (in memory: a task is a process of
/// this emulator, and processes do not survive it; <c>batchkit down</c> ends any a crash left behind).
/// </summary>
internal sealed class EcsStore(DataDirectory data)
{
    public RecordTable<string> Clusters { get; } = new(data, "ecs-clusters");

    /// <summary>family → revisions (index 0 is revision 1).</summary>
    public RecordTable<List<JsonObject>> TaskDefinitions { get; } = new(data, "ecs-task-definitions", new(
        revisions => new JsonArray([.. revisions.Select(r => r.DeepClone())]),
        node => [.. node.AsArray().Select(r => r!.AsObject().DeepClone().AsObject())]));

    public ConcurrentDictionary<string, EcsTask> Tasks { get; } = new(StringComparer.Ordinal);
}
