using System.Text.Json.Nodes;

namespace BatchKit.Pipeline.Benchmarks;

/// <summary>
/// The largest managed heap and GC-committed memory the emulator's /_batchkit/health showed while sampled: with the
/// peak resident memory from /proc, they say how much of it is the heap and how much the runtime and native memory.
/// </summary>
internal sealed class ManagedMemoryPeaks(Uri endpoint)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private long _heap;
    private long _committed;

    public double HeapMiB => _heap / 1048576.0;

    public double CommittedMiB => _committed / 1048576.0;

    public async Task SampleAsync()
    {
        var health = JsonNode.Parse(await Http.GetStringAsync(new Uri(endpoint, "/_batchkit/health")))!;
        var memory = health["memory"]!;
        _heap = Math.Max(_heap, memory["gcHeapBytes"]!.GetValue<long>());
        _committed = Math.Max(_committed, memory["gcCommittedBytes"]!.GetValue<long>());
    }
}
