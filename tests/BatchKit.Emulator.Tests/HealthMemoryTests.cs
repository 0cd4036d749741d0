using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Tests;

/// <summary>The health read-out's memory figures, which make bench-pipeline reads to split resident memory into its parts.</summary>
public sealed class HealthMemoryTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Health_reports_resident_memory_and_the_managed_heap_the_last_collection_left()
    {
        // The in-process emulator reports this test host's memory: hold 32 MiB live across a collection, then ask.
        var held = new byte[32][];
        for (var i = 0; i < held.Length; i++)
        {
            held[i] = new byte[1 << 20];
            Array.Fill(held[i], (byte)i);
        }

        GC.Collect();
        var memory = await MemoryAsync();
        GC.KeepAlive(held);

        var resident = memory["residentBytes"]!.GetValue<long>();
        var heap = memory["gcHeapBytes"]!.GetValue<long>();
        var committed = memory["gcCommittedBytes"]!.GetValue<long>();
        Assert.True(heap >= 32L << 20, $"the managed heap after a collection holding 32 MiB was reported as {heap} bytes");
        Assert.True(committed >= heap, $"the GC's committed memory ({committed}) is less than the heap it holds ({heap})");
        Assert.True(resident >= 32L << 20, $"resident memory of a process holding 32 MiB was reported as {resident} bytes");
    }

    private async Task<JsonObject> MemoryAsync()
    {
        var text = await emulator.Http.GetStringAsync(new Uri(emulator.Host.ServiceUrl, "/_batchkit/health"));
        return JsonNode.Parse(text)!["memory"]!.AsObject();
    }
}
