using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Definition;
using BatchKit.StatesLanguage.Executions;

// State transitions per second of the engine, measured as AWS counts them (one per state entered), plus
// allocations per transition. Two shapes, each in JSONPath and in JSONata (the same machine, its fields as {% %}
// expressions compiled once with the definition): a 20-state Pass/Choice chain run many times, and an inline Map
// over 10,000 items (each item one Pass state). `distributed [ITEMS [RUNS]]` runs only the Distributed Map's engine
// share (DistributedMapBenchmark), which the default run ends with.
if (args is ["distributed", ..])
{
    await DistributedMapBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
    return;
}

var engine = new ExecutionEngine(TimeProvider.System);
var identity = new ExecutionIdentity("arn:aws:states:us-east-1:000000000000:execution:bench:run", "run", "arn:aws:states:us-east-1:000000000000:stateMachine:bench", "bench", "arn:aws:iam::000000000000:role/bench");

var map = StateMachineDefinition.Parse("""
{"StartAt": "Map", "States": {
  "Map": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "ResultPath": null,
    "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "Parameters": {"n.$": "$"}, "End": true}}}, "End": true}}}
""");
var jsonataMap = StateMachineDefinition.Parse("""
{"QueryLanguage": "JSONata", "StartAt": "Map", "States": {
  "Map": {"Type": "Map", "Items": "{% $states.input.items %}", "MaxConcurrency": 1, "Output": "{% $states.input %}",
    "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "Output": {"n": "{% $states.input %}"}, "End": true}}}, "End": true}}}
""");

const string ChainInput = "{\"n\": 7, \"name\": \"store_1000\"}";
await Measure("20-state Pass/Choice chain x 500", StateMachineDefinition.Parse(Chain(20, jsonata: false)), 500, ChainInput, transitionsPerRun: 20);
await Measure("  the same in JSONata", StateMachineDefinition.Parse(Chain(20, jsonata: true)), 500, ChainInput, transitionsPerRun: 20);
foreach (var count in args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)) : [10_000])
{
    var items = new JsonObject { ["items"] = new JsonArray(Enumerable.Range(1, count).Select(i => (JsonNode?)i).ToArray()) }.ToJsonString();
    await Measure($"inline Map over {count:N0} items", map, 3, items, transitionsPerRun: 1 + count);
    await Measure("  the same in JSONata", jsonataMap, 3, items, transitionsPerRun: 1 + count);
}

await DistributedMapBenchmark.RunAsync(10_000, 5);

async Task Measure(string name, StateMachineDefinition definition, int runs, string input, int transitionsPerRun)
{
    // Warm up the JIT and the caches, then measure.
    await engine.StartExecution(definition, input, identity).Completion;
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < runs; i++)
    {
        var execution = engine.StartExecution(definition, input, identity);
        await execution.Completion;
        if (execution.Status != ExecutionStatus.Succeeded)
        {
            throw new InvalidOperationException($"{name}: {execution.Error} {execution.Cause}");
        }
    }

    clock.Stop();
    var transitions = (long)runs * transitionsPerRun;
    var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-36} {transitions,9:N0} transitions {clock.Elapsed.TotalSeconds,7:N2} s {transitions / clock.Elapsed.TotalSeconds,10:N0} transitions/s {bytes / transitions,8:N0} B allocated/transition {clock.Elapsed.TotalMilliseconds / runs,8:N2} ms/execution"));
}

// Pass and Choice alternating: each Choice routes on n to the next Pass.
static string Chain(int states, bool jsonata)
{
    var body = new JsonObject();
    for (var i = 0; i < states; i++)
    {
        var next = i + 1 < states ? $"S{i + 1}" : null;
        var state = i % 2 == 0 ? Pass(i, jsonata) : Choice(next ?? "Done", jsonata);
        if (i % 2 == 0)
        {
            state[next is null ? "End" : "Next"] = next is null ? true : next;
        }

        body[$"S{i}"] = state;
    }

    body["Done"] = new JsonObject { ["Type"] = "Succeed" };
    var machine = new JsonObject { ["StartAt"] = "S0", ["States"] = body };
    if (jsonata)
    {
        machine["QueryLanguage"] = "JSONata";
    }

    return machine.ToJsonString();
}

static JsonObject Pass(int step, bool jsonata) => jsonata
    ? new JsonObject
    {
        ["Type"] = "Pass",
        ["Output"] = new JsonObject { ["n"] = "{% $states.input.n %}", ["name"] = "{% $states.input.name %}", ["step"] = step },
    }
    : new JsonObject { ["Type"] = "Pass", ["Parameters"] = new JsonObject { ["n.$"] = "$.n", ["name.$"] = "$.name", ["step"] = step } };

static JsonObject Choice(string next, bool jsonata) => new()
{
    ["Type"] = "Choice",
    ["Choices"] = new JsonArray(jsonata
        ? new JsonObject { ["Condition"] = "{% $states.input.n > 5 %}", ["Next"] = next }
        : new JsonObject { ["Variable"] = "$.n", ["NumericGreaterThan"] = 5, ["Next"] = next }),
    ["Default"] = next,
};
