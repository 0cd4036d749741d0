using System.Globalization;
using BatchKit.Jsonata.Benchmarks;

// Throughput of BatchKit.Jsonata against the reference implementation (jsonata-js on Node), case by case, in one
// run. Each case is compiled once; then, for several rounds, the .NET and Node measurements of a case alternate
// and each side keeps its best round, so load from other processes on the machine hits both sides alike.
// Arguments: seconds per measurement (default 0.5), rounds (default 3).
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 0.5;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var duration = TimeSpan.FromSeconds(seconds);
var cases = SuiteCases.Load(SuiteCases.FindSuite());
Console.WriteLine($"{cases.Count} suite cases; {rounds} rounds of {seconds:0.##} s per case and side, best round kept; "
    + $".NET {Environment.Version}, reference jsonata@{ReferenceRunner.Version} on Node");

using var reference = new ReferenceRunner(cases);
var runners = cases.Select(c => new DotNetRunner(c)).ToList();
var prepared = new double[cases.Count];
var fromNode = new double[cases.Count];
var js = new double[cases.Count];
foreach (var runner in runners)
{
    runner.Measure(duration / 4, convertInputEachTime: false); // warm-up: the JIT has seen every case before timing
}

for (var round = 0; round < rounds; round++)
{
    for (var i = 0; i < cases.Count; i++)
    {
        prepared[i] = Math.Max(prepared[i], runners[i].Measure(duration, convertInputEachTime: false));
        js[i] = Math.Max(js[i], reference.Measure(i, duration));
        fromNode[i] = Math.Max(fromNode[i], runners[i].Measure(duration, convertInputEachTime: true));
    }
}

Console.WriteLine();
Console.WriteLine("BatchKit: input prepared once (JsonataResult.From), as jsonata-js gets a parsed object; 'JsonNode in' converts");
Console.WriteLine("the input on every evaluation. Both return a JsonNode. Ratio: BatchKit (prepared) / jsonata-js.");
Console.WriteLine($"{"case",-30} {"BatchKit evals/s",17} {"JsonNode in",12} {"jsonata-js evals/s",19} {"ratio",7}  same result");
var allSame = true;
for (var i = 0; i < cases.Count; i++)
{
    var mine = runners[i].FirstResult;
    var same = mine == reference.FirstResults[i];
    allSame &= same;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{cases[i].Id,-30} {prepared[i],17:N0} {fromNode[i],12:N0} {js[i],19:N0} {prepared[i] / js[i],6:0.0}x  {(same ? "yes" : $"NO: {mine} vs {reference.FirstResults[i]}")}"));
}

// Overall: one evaluation of every case, timed on both sides (a harmonic mean), and the geometric mean of the ratios.
var ratios = prepared.Zip(js, (a, b) => a / b).ToList();
double Time(double[] rates) => rates.Sum(r => 1 / r);
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"overall: {Time(js) / Time(prepared):0.0}x the reference's throughput (one evaluation of every case); geometric mean {Math.Exp(ratios.Average(Math.Log)):0.0}x; "
    + $"lowest {ratios.Min():0.0}x ({cases[ratios.IndexOf(ratios.Min())].Id}); converting the JsonNode input on every evaluation {Time(js) / Time(fromNode):0.0}x"));
return allSame ? 0 : 1;
