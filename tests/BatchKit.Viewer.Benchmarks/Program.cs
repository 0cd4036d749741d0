using BatchKit.Aws.StepFunctions;
using BatchKit.Emulator;
using BatchKit.Testing;
using BatchKit.Viewer.Benchmarks;
using BatchKit.Viewer.Tests;

// The viewer's two speed claims, measured in a real browser (Debian's Chromium through Playwright) against an
// in-process emulator: first paint of http://localhost:PORT/_batchkit/ (issue 16: under 200 ms locally), and an
// execution with 1,000 distributed Map children (issue 16: stays responsive) — live while it runs, then paged.
// Usage: BatchKit.Viewer.Benchmarks [loads=20] [children=1000]
var loads = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20;
var children = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000;
var dir = Directory.CreateTempSubdirectory("batchkit-viewer-bench-").FullName;
try
{
    await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = dir });
    await using var chromium = await Chromium.LaunchAsync();
    using var stepFunctions = new StepFunctionsClient(LocalAws.ClientOptions(host.ServiceUrl));
    Console.WriteLine($"viewer at {host.ViewerUrl}, Chromium {chromium.Browser.Version}, {Environment.ProcessorCount} cores");
    await FirstPaint.MeasureAsync(chromium, host.ServiceUrl, loads);
    await ManyChildren.MeasureAsync(chromium, host.ServiceUrl, stepFunctions, children);
}
finally
{
    Directory.Delete(dir, recursive: true);
}
