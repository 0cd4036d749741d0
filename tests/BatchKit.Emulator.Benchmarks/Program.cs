using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Emulator;

// Start-up to healthy (a separate process, as `make up` starts it), S3 PUT/GET throughput with the real SDK, and
// ECS RunTask-to-process-started latency (the cost each store pays before its worker runs).
// An argument that is a path names the published emulator (artifacts/emulator/BatchKit.Emulator) to start beside the
// JIT build. With the argument `containers`: RunTask to the task's first log line, in a container and as a process, in one run.
// With `map [RUNS] [inline|distributed]`: the 100-item Map against moto's engine, and a Distributed Map over 10,000 S3 objects
// (MapBenchmarks); a last argument runs only that part, while iterating on one of them.
var dir = Directory.CreateTempSubdirectory("batchkit-emulator-bench-").FullName;
try
{
    if (args is ["map", ..])
    {
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        await MapBenchmarks.RunAsync(dir, runs, args.Length > 2 ? MapBenchmarks.ParsePart(args[2]) : MapBenchmarks.Part.Both);
        return;
    }

    if (args is ["containers"])
    {
        await FirstLogLineAsync(dir);
        return;
    }

    await StartupAsync(dir, args is [var published] ? published : null);
    await ThroughputAsync(dir, ephemeral: false); // the default: each PUT fsynced (file and directory) before its 200
    await ThroughputAsync(dir, ephemeral: true);
    await RunTaskLatencyAsync(dir);
}
finally
{
    Directory.Delete(dir, recursive: true);
}

// Each emulator build from exec to its first 200 on /_batchkit/health, alternating between them (this machine is noisy),
// then its resident memory after a second of idling: the published Native AOT artifact (make artifacts) beside the
// JIT build of this benchmark's own output, which is what the emulator was before issue 17.
static async Task StartupAsync(string dir, string? published)
{
    var builds = new List<(string Name, string Exe)> { ("JIT (dotnet build)", Path.Combine(AppContext.BaseDirectory, "BatchKit.Emulator")) };
    if (published is not null)
    {
        builds.Insert(0, ("Native AOT (" + published + ")", Path.GetFullPath(published)));
    }

    var samples = builds.ToDictionary(b => b.Name, _ => new List<(double Ms, long Rss, long Faults)>());
    for (var run = 0; run < 7; run++)
    {
        for (var build = 0; build < builds.Count; build++)
        {
            // A fresh data directory for each start, so that each build pays the same first-start writes.
            var (name, exe) = builds[build];
            samples[name].Add(await StartOnceAsync(exe, Path.Combine(dir, $"startup-{run}-{build}")));
        }
    }

    foreach (var (name, runs) in samples)
    {
        var ms = runs.Select(r => r.Ms).Order().ToList();
        var rss = runs.Select(r => r.Rss / 1048576.0).Order().ToList();
        var faults = runs.Select(r => r.Faults).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"start-up to healthy, {name}, {ms.Count} runs: median {ms[ms.Count / 2]:N0} ms (min {ms[0]:N0}, max {ms[^1]:N0}); " +
            $"idle resident memory median {rss[rss.Count / 2]:N1} MiB (max {rss[^1]:N1}); page faults to healthy median {faults[faults.Count / 2]:N0}"));
    }
}

static async Task<(double Ms, long Rss, long Faults)> StartOnceAsync(string exe, string dataDirectory)
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(new ProcessStartInfo(exe, ["--port", port.ToString(CultureInfo.InvariantCulture), "--data-dir", dataDirectory])
    {
        RedirectStandardOutput = true, UseShellExecute = false,
    })!;
    try
    {
        while (true)
        {
            if (await HealthAnswers200Async(port))
            {
                break;
            }

            await Task.Delay(1);

            if (clock.Elapsed > TimeSpan.FromSeconds(60) || process.HasExited)
            {
                throw new TimeoutException($"{exe} on port {port} did not answer /_batchkit/health within 60 s (exited: {process.HasExited})");
            }
        }

        var elapsed = clock.Elapsed.TotalMilliseconds;
        // minflt: each minor fault is a trap into the kernel, and a Native AOT binary's start-up used to take one per
        // 4 KiB page of its type data (build/PrefaultWritableData.c).
        var faults = ProcStat.Of(process.Id)[10];
        await Task.Delay(1000);
        process.Refresh();
        return (elapsed, process.WorkingSet64, faults);
    }
    finally
    {
        process.Kill();
        await process.WaitForExitAsync();
    }
}

// One GET /_batchkit/health over a bare socket: an HttpClient poll adds its own handler set-up and an exception per
// refused connection to what is measured (a few milliseconds of a start that takes tens).
static async Task<bool> HealthAnswers200Async(int port)
{
    using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
    try
    {
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
    }
    catch (System.Net.Sockets.SocketException)
    {
        return false; // not listening yet
    }

    await socket.SendAsync("GET /_batchkit/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"u8.ToArray());
    var status = new byte["HTTP/1.1 200".Length];
    var read = 0;
    while (read < status.Length && await socket.ReceiveAsync(status.AsMemory(read)) is var n and > 0)
    {
        read += n;
    }

    return status.AsSpan(0, read).SequenceEqual("HTTP/1.1 200"u8);
}

static async Task ThroughputAsync(string dir, bool ephemeral)
{
    var mode = ephemeral ? "ephemeral" : "durable";
    await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = Path.Combine(dir, "s3-" + mode), Ephemeral = ephemeral });
    using var s3 = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config { ServiceURL = host.ServiceUrl.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
    await s3.PutBucketAsync("bench");

    foreach (var (label, size, count) in new[] { ("1 KB", 1024, 2000), ("64 MB", 64 * 1024 * 1024, 4) })
    {
        var data = new byte[size];
        Random.Shared.NextBytes(data);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "bench", Key = $"{label}/{i}", InputStream = new MemoryStream(data) });
        }

        var put = clock.Elapsed.TotalSeconds;
        clock.Restart();
        for (var i = 0; i < count; i++)
        {
            using var response = await s3.GetObjectAsync("bench", $"{label}/{i}");
            await response.ResponseStream.CopyToAsync(Stream.Null);
        }

        var get = clock.Elapsed.TotalSeconds;
        var mb = (double)size * count / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"S3 {mode,-9} {label,-6} x {count,5}: PUT {count / put,8:N0} obj/s {mb / put,8:N1} MB/s   GET {count / get,8:N0} obj/s {mb / get,8:N1} MB/s"));
    }
}

// RunTask (a signed JSON call) until the task's process has run its first command: the container is `sh -c` writing a
// marker file, so the figure is the emulator's own cost plus a shell's start. 50 tasks, one at a time.
static async Task RunTaskLatencyAsync(string dir)
{
    var markers = Directory.CreateDirectory(Path.Combine(dir, "markers")).FullName;
    await using var host = await EmulatorHost.StartAsync(new EmulatorOptions
    {
        Port = 0,
        DataDirectory = Path.Combine(dir, "ecs"),
        EcsImageCommands = new Dictionary<string, string[]> { ["marker"] = ["/bin/sh", "-c", "echo > \"$MARKER\""] },
    });
    using var http = new HttpClient();
    Task<string> CallAsync(string operation, string body) => EcsCallAsync(http, host.ServiceUrl, operation, body);

    await CallAsync("CreateCluster", """{"clusterName":"bench"}""");
    await CallAsync("RegisterTaskDefinition", """{"family":"marker","containerDefinitions":[{"name":"main","image":"marker"}]}""");
    var times = new List<double>();
    for (var i = 0; i < 50; i++)
    {
        var marker = Path.Combine(markers, $"{i}.txt");
        var clock = Stopwatch.StartNew();
        await CallAsync("RunTask", $$$$"""{"cluster":"bench","taskDefinition":"marker","launchType":"FARGATE","overrides":{"containerOverrides":[{"name":"main","environment":[{"name":"MARKER","value":"{{{{marker}}}}"}]}]}}""");
        while (!File.Exists(marker))
        {
            await Task.Delay(1);
        }

        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    var sorted = times.Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ECS RunTask to process started (sh writes a marker), 50 tasks: median {sorted[25]:N1} ms, p90 {sorted[45]:N1} ms, max {sorted[^1]:N1} ms"));
}

// RunTask until the task's first line reaches its log (GET /_batchkit/ecs/tasks, what `batchkit logs` reads), 50 tasks
// one at a time for each runtime, alternating, in one emulator (auto: the built Debian image runs as a container, the
// unbuilt mapped one as a process). Needs `make images`.
static async Task FirstLogLineAsync(string dir)
{
    await using var host = await EmulatorHost.StartAsync(new EmulatorOptions
    {
        Port = 0,
        DataDirectory = Path.Combine(dir, "containers"),
        EcsRuntime = BatchKit.Emulator.Runtime.RuntimeChoice.Auto,
        EcsImageCommands = new Dictionary<string, string[]> { ["batchkit/not-built:0"] = ["/bin/sh", "-c", "echo first line"] },
    });
    using var http = new HttpClient();
    Task<string> CallAsync(string operation, string body) => EcsCallAsync(http, host.ServiceUrl, operation, body);

    await CallAsync("CreateCluster", """{"clusterName":"bench"}""");
    await CallAsync("RegisterTaskDefinition", """
        {"family":"container","containerDefinitions":[{"name":"main","image":"batchkit/debian:bookworm","command":["/bin/sh","-c","echo first line"]}]}
        """);
    await CallAsync("RegisterTaskDefinition", """{"family":"process","containerDefinitions":[{"name":"main","image":"batchkit/not-built:0"}]}""");
    var times = new Dictionary<string, List<double>> { ["container"] = [], ["process"] = [] };
    var tasks = new Uri(host.ServiceUrl, "/_batchkit/ecs/tasks");
    for (var i = 0; i < 100; i++)
    {
        var family = i % 2 == 0 ? "container" : "process";
        var clock = Stopwatch.StartNew();
        var run = await CallAsync("RunTask", $$"""{"cluster":"bench","taskDefinition":"{{family}}","launchType":"FARGATE"}""");
        var arn = System.Text.Json.Nodes.JsonNode.Parse(run)!["tasks"]![0]!["taskArn"]!.GetValue<string>();
        while (!System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(tasks))!["tasks"]!.AsArray()
                   .Any(t => t!["taskArn"]!.GetValue<string>() == arn && t["output"]!.GetValue<string>().Contains("first line", StringComparison.Ordinal)))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"task {arn} ({family}) printed nothing within 30 s");
            }

            await Task.Delay(1);
        }

        times[family].Add(clock.Elapsed.TotalMilliseconds);
    }

    foreach (var (runtime, list) in times)
    {
        var sorted = list.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ECS RunTask to first log line, {runtime}, {sorted.Count} tasks: " +
            $"median {sorted[sorted.Count / 2]:N1} ms, p90 {sorted[sorted.Count * 9 / 10]:N1} ms, max {sorted[^1]:N1} ms"));
    }
}

// One ECS JSON call with a well-formed (unverified) SigV4 header, as the SDKs send it.
static async Task<string> EcsCallAsync(HttpClient http, Uri endpoint, string operation, string body)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body) };
    request.Headers.Add("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation);
    BatchKit.Aws.SigV4Signer.Sign(request, System.Text.Encoding.UTF8.GetBytes(body), new Amazon.Runtime.ImmutableCredentials("test", "test", null), "us-east-1", "ecs", DateTime.UtcNow);
    using var response = await http.SendAsync(request);
    return await response.Content.ReadAsStringAsync();
}
