using System.Globalization;
using BatchKit.Jsonata.Benchmarks;

// Throughput of BatchKit.Jsonata against the reference implementation (jsonata-js on Node), case by case, in one
// run: each case compiled once, warmed up, then evaluated for a fixed time on each side. Arguments: seconds per
// case (default 1).
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1.0;
var duration = TimeSpan.FromSeconds(seconds);
var warmUp = TimeSpan.FromSeconds(seconds / 3);
var cases = SuiteCases.Load(SuiteCases.FindSuite());

Console.WriteLine($"{cases.Count} suite cases, {seconds:0.##} s each after {warmUp.TotalSeconds:0.##} s warm-up; .NET {Environment.Version}, "
    + $"reference jsonata@{ReferenceRunner.Version} on Node");
DotNetRunner.WarmUp(cases, warmUp);
var dotnet = cases.Select(c => DotNetRunner.Measure(c, duration, convertInputEachTime: false)).ToList();
var fromNode = cases.Select(c => DotNetRunner.Measure(c, duration, convertInputEachTime: true)).ToList();
var reference = ReferenceRunner.Measure(cases, warmUp, duration);

Console.WriteLine();
Console.WriteLine("BatchKit: the input prepared once (JsonataResult.From), as jsonata-js gets a parsed object; "
    + "'JsonNode in' converts the input on every evaluation. Both return a JsonNode.");
Console.WriteLine($"{"case",-30} {"BatchKit evals/s",17} {"JsonNode in",12} {"jsonata-js evals/s",19} {"ratio",7}  same result");
var ratios = new List<double>();
for (var i = 0; i < cases.Count; i++)
{
    var ratio = dotnet[i].EvaluationsPerSecond / reference[i].EvaluationsPerSecond;
    ratios.Add(ratio);
    var same = dotnet[i].Result == reference[i].Result ? "yes" : $"NO: {dotnet[i].Result} vs {reference[i].Result}";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{cases[i].Id,-30} {dotnet[i].EvaluationsPerSecond,17:N0} {fromNode[i].EvaluationsPerSecond,12:N0} {reference[i].EvaluationsPerSecond,19:N0} {ratio,6:0.0}x  {same}"));
}

// Overall: the same number of evaluations of every case, timed on both sides (harmonic), and the geometric mean.
var dotnetTime = dotnet.Sum(m => 1 / m.EvaluationsPerSecond);
var referenceTime = reference.Sum(m => 1 / m.EvaluationsPerSecond);
var geometric = Math.Exp(ratios.Average(Math.Log));
var fromNodeTime = fromNode.Sum(m => 1 / m.EvaluationsPerSecond);
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"overall: {referenceTime / dotnetTime:0.0}x the reference's throughput (one evaluation of every case), geometric mean {geometric:0.0}x, "
    + $"lowest {ratios.Min():0.0}x ({cases[ratios.IndexOf(ratios.Min())].Id}); with the input converted from a JsonNode every time "
    + $"{referenceTime / fromNodeTime:0.0}x"));
return dotnet.Zip(reference).All(p => p.First.Result == p.Second.Result) ? 0 : 1;
