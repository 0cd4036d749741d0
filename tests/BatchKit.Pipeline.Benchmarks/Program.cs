using System.Diagnostics;
using System.Globalization;
using BatchKit.Pipeline.Benchmarks;
using BatchKit.SampleData;

// Upload to SUCCEEDED through the whole local pipeline, every AWS part a real process as under `make up`
// (PipelineRun), with the ECS tasks run by each runtime named: the runs alternate them (process, container, process,
// ...) so both see the same machine load, RUNS of each, and the medians close the output.
// Usage: BatchKit.Pipeline.Benchmarks REPO STORES ROWS [MAX_TASKS] [RUNTIMES] [RUNS]
//   e.g. 100 1000 10 (one run, process), or 100 1000 10 process,container 3 (make bench-runtimes)
var repository = args[0];
var stores = int.Parse(args[1], CultureInfo.InvariantCulture);
var rows = int.Parse(args[2], CultureInfo.InvariantCulture);
var maxTasks = args.Length > 3 ? args[3] : "10";
var runtimes = args.Length > 4 ? args[4].Split(',') : ["process"];
var runs = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 1;
if (runtimes.FirstOrDefault(r => r is not ("process" or "container")) is { } unknown)
{
    throw new ArgumentException($"runtime '{unknown}': use process, container or both (process,container)");
}

var zip = new MemoryStream();
var generated = Stopwatch.StartNew();
var expected = DayGenerator.Generate(new GeneratorOptions { Stores = stores, RowsMin = rows, RowsMax = rows, Seed = 5 }, zip);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"day: {stores} stores x {rows} rows = {expected.Rows:N0} rows, zip {zip.Length / 1e6:N1} MB (generated in {generated.Elapsed.TotalSeconds:N1} s); " +
    $"MaxConcurrency 10, emulator task cap {maxTasks}; ECS runtimes {string.Join(", ", runtimes)}, {runs} run(s) each, alternating"));

var pipeline = new PipelineRun(repository, maxTasks);
var results = new List<RunFigures>();
for (var run = 1; run <= runs; run++)
{
    foreach (var runtime in runtimes)
    {
        var figures = await pipeline.RunAsync(runtime, zip, expected);
        results.Add(figures);
        Console.WriteLine($"run {run}, --ecs-runtime {runtime}:");
        RunReport.Print(figures, stores);
    }
}

if (results.Count > 1)
{
    RunReport.PrintMedians(results);
}

return results.All(r => r.Status == "SUCCEEDED" && r.Exact) ? 0 : 1;
