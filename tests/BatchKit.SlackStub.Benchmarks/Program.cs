using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BatchKit.Deployment;

// The Slack stub's start time, from start to the first 200 on /__admin/health, in rounds that alternate the kinds:
// WireMock.Net in this process (what a test fixture pays), `batchkit slack-stub` as a background process (what
// `batchkit up` pays), and, given its jar, the Java WireMock as BatchKit ran it before (`java -jar`, same mappings).
// Usage: BatchKit.SlackStub.Benchmarks REPO [ROUNDS] [--java-jar PATH]
var repository = Path.GetFullPath(args[0]);
var rounds = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var r) ? r : 5;
var jar = args.SkipWhile(a => a != "--java-jar").Skip(1).FirstOrDefault();
var mappings = Path.Combine(repository, SlackStubServer.MappingsFolder);
if (jar is not null && !File.Exists(jar))
{
    Console.Error.WriteLine($"--java-jar {jar}: no such file");
    return 1;
}

var kinds = new List<(string Name, Func<Task<double>> Measure)>
{
    ("WireMock.Net in-process (SlackStubServer.Start, port 0)", () => Task.FromResult(InProcess(mappings))),
    ("batchkit slack-stub process (batchkit up)",
        () => ProcessAsync(Path.Combine(AppContext.BaseDirectory, "batchkit"), port => ["slack-stub", "--port", port, "--mappings", mappings])),
};
if (jar is not null)
{
    kinds.Add(("Java WireMock jar (java -jar, the former stub)", () => ProcessAsync("java", port =>
        ["-jar", jar, "--port", port, "--bind-address", "127.0.0.1", "--root-dir", Path.Combine(repository, "localstack", "wiremock"), "--disable-banner"])));
}

var times = kinds.ToDictionary(k => k.Name, _ => new List<double>());
for (var round = 0; round < rounds; round++)
{
    foreach (var (name, measure) in kinds)
    {
        times[name].Add(await measure());
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Slack stub start to healthy (first 200 on /__admin/health), {rounds} alternating rounds, {Environment.ProcessorCount} cores:"));
foreach (var (name, ms) in times)
{
    var sorted = ms.Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {name}: median {sorted[sorted.Count / 2]:N0} ms, min {sorted[0]:N0} ms, max {sorted[^1]:N0} ms (round 1: {ms[0]:N0} ms)"));
}

if (jar is null)
{
    Console.WriteLine("  Java WireMock jar: not measured (pass --java-jar PATH to the standalone jar to compare)");
}

return 0;

static double InProcess(string mappings)
{
    var clock = Stopwatch.StartNew();
    using var stub = SlackStubServer.Start(mappings, port: 0);
    WaitHealthyAsync(stub.BaseUrl, () => null).GetAwaiter().GetResult();
    return clock.Elapsed.TotalMilliseconds;
}

static async Task<double> ProcessAsync(string fileName, Func<string, string[]> arguments)
{
    var port = FreePort();
    var start = new ProcessStartInfo(fileName, arguments(port.ToString(CultureInfo.InvariantCulture)))
    {
        UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
    };
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    try
    {
        await WaitHealthyAsync(
            new Uri($"http://127.0.0.1:{port}"), () => process.HasExited ? $"{fileName} exited with code {process.ExitCode} before it was ready" : null);
        return clock.Elapsed.TotalMilliseconds;
    }
    finally
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}

// Polls every 5 ms (HttpReadiness's 100 ms would round every figure up); fails after 60 s or when the process is gone.
static async Task WaitHealthyAsync(Uri baseUrl, Func<string?> gone)
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    var deadline = Stopwatch.StartNew();
    while (true)
    {
        if (gone() is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        try
        {
            using var response = await http.GetAsync(new Uri(baseUrl, "/__admin/health"));
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Not listening yet, or accepted and dropped while starting.
        }

        if (deadline.Elapsed > TimeSpan.FromSeconds(60))
        {
            throw new TimeoutException($"{baseUrl} did not answer /__admin/health within 60 s");
        }

        await Task.Delay(5);
    }
}

// A port the OS just handed out; a benchmark can afford the small race a test fixture must not.
static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
