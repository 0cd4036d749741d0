using System.Text.Json.Nodes;
using BatchKit.Emulator.Services.StepFunctions;
using BatchKit.Testing;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// Issue 17: finished executions and the finished children of a Distributed Map do not keep their histories in memory
/// once written to the data directory, yet every one is still listed in AWS order, described and its history read back
/// exactly, before and after a restart.
/// </summary>
public sealed class StepFunctionsMemoryBoundTests : IDisposable
{
    private const int Items = 120;
    private const int Executions = 15;
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-memory-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private Task<EmulatorHost> StartAsync() => EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = _data });

    [Fact]
    public async Task Finished_histories_leave_memory_and_every_execution_still_reads_back_exactly_across_a_restart()
    {
        Dictionary<string, List<JsonObject>> histories;
        await using (var first = await StartAsync())
        {
            using var client = new EndpointClient(first.ServiceUrl);
            var api = StatesApi.Of(client);
            var (mapParent, singles) = await RunEverythingAsync(api);
            await AssertHistoriesReleasedAsync(first, Executions + 1 + Items);
            histories = await ReadAllAsync(api, mapParent, singles);
            var child = histories.Keys.First(a => a != mapParent && !singles.Contains(a));
            await AssertViewerReadsAsync(client, child, histories[child]);
        }

        await using var second = await StartAsync();
        await AssertHistoriesReleasedAsync(second, Executions + 1 + Items);
        using var secondClient = new EndpointClient(second.ServiceUrl);
        var again = StatesApi.Of(secondClient);
        foreach (var (arn, events) in histories)
        {
            Assert.Equal(Json(events), Json(await again.HistoryAsync(arn)));
        }
    }

    /// <summary>One Distributed Map of <see cref="Items"/> children and <see cref="Executions"/> small executions, all SUCCEEDED.</summary>
    private static async Task<(string MapParent, List<string> Singles)> RunEverythingAsync(StatesApi api)
    {
        var map = await api.CreateMachineAsync(StatesApi.Unique("bound-map"), """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 20, "End": true,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Double",
                "States": {"Double": {"Type": "Pass", "Parameters": {"item.$": "$", "twice.$": "States.MathAdd($, $)"}, "End": true}}}}}}
            """);
        var single = await api.CreateMachineAsync(StatesApi.Unique("bound-single"), """
            {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "End": true}}}
            """);
        var mapParent = await api.StartAsync(map, new JsonObject { ["items"] = new JsonArray([.. Enumerable.Range(0, Items).Select(i => (JsonNode)i)]) }
            .ToJsonString());
        var singles = new List<string>();
        for (var n = 0; n < Executions; n++)
        {
            singles.Add(await api.StartAsync(single, $$"""{"n": {{n}}}"""));
        }

        foreach (var arn in singles.Append(mapParent))
        {
            Assert.Equal("SUCCEEDED", (await api.WaitAsync(arn))["status"]!.GetValue<string>());
        }

        return (mapParent, singles);
    }

    /// <summary>
    /// Every finished history, children included, leaves memory (when its execution ends, or at the next checkpoint); the
    /// deadline is ten checkpoints, so a loaded machine (make test) does not fail it for a late thread-pool turn.
    /// </summary>
    private static async Task AssertHistoriesReleasedAsync(EmulatorHost host, int expected)
    {
        var store = host.Services.StepFunctionsStore;
        List<StatesLanguage.Executions.Execution> All() => [.. store.Executions.Values.Select(r => r.Execution)
            .SelectMany(e => e.MapRuns.SelectMany(m => m.Children).Prepend(e))];
        var deadline = 10 * ExecutionArchive.CheckpointInterval;
        await Eventually.TrueAsync(() => All().All(e => e.HistoryReleased),
            $"every finished history released within {deadline.TotalSeconds} s", deadline);
        Assert.True(All().Count >= expected, $"{All().Count} executions in the store, at least {expected} expected");
    }

    /// <summary>Lists the Map Run's children in pages (AWS order: newest first) and reads every history and description.</summary>
    private static async Task<Dictionary<string, List<JsonObject>>> ReadAllAsync(StatesApi api, string mapParent, List<string> singles)
    {
        var histories = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var (arn, n) in singles.Select((a, n) => (a, n)))
        {
            var events = await api.HistoryAsync(arn);
            Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], events.Select(e => e["type"]!.GetValue<string>()));
            Assert.Equal($$"""{"n":{{n}}}""", events[^1]["executionSucceededEventDetails"]!["output"]!.GetValue<string>());
            histories[arn] = events;
        }

        var mapRun = Assert.Single((await api.OkAsync("ListMapRuns", new JsonObject { ["executionArn"] = mapParent }))["mapRuns"]!.AsArray())!
            ["mapRunArn"]!.GetValue<string>();
        var children = await ListChildrenAsync(api, mapRun);
        Assert.Equal(Items, children.Count);
        var starts = children.Select(c => c["startDate"]!.GetValue<double>()).ToList();
        Assert.Equal(starts.OrderDescending(), starts);
        var items = new HashSet<int>();
        foreach (var child in children)
        {
            var arn = child["executionArn"]!.GetValue<string>();
            var described = await api.DescribeAsync(arn);
            var item = JsonNode.Parse(described["input"]!.GetValue<string>())!.GetValue<int>();
            items.Add(item);
            Assert.Equal($$"""{"item":{{item}},"twice":{{2 * item}}}""", described["output"]!.GetValue<string>());
            var events = await api.HistoryAsync(arn);
            Assert.Equal(described["output"]!.GetValue<string>(), events[^1]["executionSucceededEventDetails"]!["output"]!.GetValue<string>());
            histories[arn] = events;
        }

        Assert.Equal(Items, items.Count);
        histories[mapParent] = await api.HistoryAsync(mapParent);
        return histories;
    }

    private static async Task<List<JsonObject>> ListChildrenAsync(StatesApi api, string mapRunArn)
    {
        var children = new List<JsonObject>();
        string? token = null;
        do
        {
            var request = new JsonObject { ["mapRunArn"] = mapRunArn, ["maxResults"] = 50 };
            if (token is not null)
            {
                request["nextToken"] = token;
            }

            var page = await api.OkAsync("ListExecutions", request);
            children.AddRange(page["executions"]!.AsArray().Select(e => e!.AsObject()));
            token = page["nextToken"]?.GetValue<string>();
        }
        while (token is not null);
        return children;
    }

    /// <summary>The viewer's history page reads a released history as GetExecutionHistory does.</summary>
    private static async Task AssertViewerReadsAsync(EndpointClient client, string arn, List<JsonObject> events)
    {
        using var http = new HttpClient();
        var page = JsonNode.Parse(await http.GetStringAsync(new Uri(client.Endpoint, $"/_batchkit/api/execution/history?arn={Uri.EscapeDataString(arn)}")))!;
        Assert.Equal(events.Select(e => e["type"]!.GetValue<string>()), page["items"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
    }

    private static string Json(List<JsonObject> events) => new JsonArray([.. events.Select(e => (JsonNode)e.DeepClone())]).ToJsonString();
}
