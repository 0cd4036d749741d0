using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Aws;
using BatchKit.Aws.StepFunctions;

/// <summary>
/// `make bench-map`: the engine over HTTP, as a user's code drives it. (1) A 100-item inline Map with a Pass iterator,
/// BatchKit's emulator and moto's Step Functions engine (the one LocalStack ships, in Python, run by moto_server with
/// execute_state_machine on) alternating in one run, the ratio of the medians. (2) A Distributed Map over 10,000 S3
/// objects (ItemReader listObjectsV2) with a Pass iterator on BatchKit, start to SUCCEEDED. Both emulators are child
/// processes on 127.0.0.1, stopped by their own id at the end. Durations are the services' own startDate-to-stopDate
/// (no polling interval in them) and, beside them, what the client saw from StartExecution to the first DescribeExecution
/// that was not RUNNING (polled every 2 ms).
/// </summary>
internal static class MapBenchmarks
{
    private const string Role = "arn:aws:iam::000000000000:role/bench";

    /// <summary>Which part to run: `make bench-map` runs both; one alone is for iterating on it.</summary>
    public enum Part
    {
        Both,
        Inline,
        Distributed,
    }

    public static Part ParsePart(string text) => text switch
    {
        "inline" => Part.Inline,
        "distributed" => Part.Distributed,
        _ => throw new ArgumentException($"map: unknown part '{text}'; give 'inline' (the 100-item Map against moto) or 'distributed'"),
    };

    /// <param name="runs">Runs of the 100-item Map (each side), or of the Distributed Map (each child type) when it runs alone.</param>
    public static async Task RunAsync(string dir, int runs, Part part)
    {
        using var batchKit = await ChildService.StartAsync("BatchKit emulator", Path.Combine(AppContext.BaseDirectory, "BatchKit.Emulator"),
            port => ["--port", port, "--data-dir", Path.Combine(dir, "map"), "--ephemeral"], "/_batchkit/health");
        if (part != Part.Distributed)
        {
            using var moto = await ChildService.StartAsync("moto_server", "moto_server", port => ["-p", port, "-H", "127.0.0.1"], "/moto-api/");
            using (var http = new HttpClient())
            {
                // moto only records executions unless told to run them (its parser is LocalStack's engine).
                using var on = await http.PostAsync(new Uri(moto.Endpoint, "/moto-api/config"),
                    new StringContent("""{"stepfunctions": {"execute_state_machine": true}}"""));
                on.EnsureSuccessStatusCode();
            }

            await HundredItemMapAsync(batchKit, moto, runs);
        }

        if (part != Part.Inline)
        {
            await DistributedMapAsync(batchKit, 10_000, part == Part.Distributed ? runs : 3);
        }
    }

    private static async Task HundredItemMapAsync(ChildService batchKitService, ChildService motoService, int runs)
    {
        var (batchKit, moto) = (batchKitService.Endpoint, motoService.Endpoint);
        var definition = """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
              "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
            """;
        var input = new JsonObject { ["items"] = new JsonArray([.. Enumerable.Range(0, 100).Select(i => (JsonNode)new JsonObject { ["n"] = i })]) }.ToJsonString();
        using var ours = Client(batchKit);
        using var theirs = Client(moto);
        // moto's engine runs one execution per server: a second StartExecution fails (500) deep-copying the first one's
        // lock. So moto is reset before each run, and every run on both sides gets a machine of its own, made outside
        // the measured interval.
        using var http = new HttpClient();
        async Task<(double, double)> RunAsync(StepFunctionsClient client, string name)
        {
            if (client == theirs)
            {
                (await http.PostAsync(new Uri(moto, "/moto-api/reset"), null)).Dispose();
            }

            return await RunOnceAsync(client, (await client.CreateStateMachineAsync(name, definition, Role)).StateMachineArn, input);
        }

        await RunAsync(ours, "warm-up"); // JIT on our side, imports on theirs
        await RunAsync(theirs, "warm-up");
        var (oursTimes, theirsTimes) = (new List<(double, double)>(), new List<(double, double)>());
        var (oursCpu, theirsCpu) = (0.0, 0.0);
        for (var run = 0; run < runs; run++)
        {
            var cpu = batchKitService.CpuSeconds();
            oursTimes.Add(await RunAsync(ours, $"map100-{run}"));
            oursCpu += batchKitService.CpuSeconds() - cpu;
            cpu = motoService.CpuSeconds();
            theirsTimes.Add(await RunAsync(theirs, $"map100-{run}"));
            theirsCpu += motoService.CpuSeconds() - cpu;
        }

        Console.WriteLine($"100-item inline Map, Pass iterator, {runs} runs each, alternating (service startDate->stopDate | client start->not RUNNING):");
        Print("BatchKit", oursTimes);
        Print("moto (LocalStack's engine)", theirsTimes);
        Console.WriteLine($"  ratio of medians: {Median(theirsTimes, 0) / Median(oursTimes, 0):0.0}x (service) | "
            + $"{Median(theirsTimes, 1) / Median(oursTimes, 1):0.0}x (client)");
        Console.WriteLine($"  CPU per run (the server process, /proc, 10 ms ticks): BatchKit {1000 * oursCpu / runs:0} ms, moto {1000 * theirsCpu / runs:0} ms "
            + "(with create, reset and polling)");
    }

    private static async Task DistributedMapAsync(ChildService service, int objects, int runs)
    {
        var batchKit = service.Endpoint;
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("test", "test"),
            new AmazonS3Config { ServiceURL = batchKit.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await s3.PutBucketAsync("map-bench");
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, objects), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "map-bench", Key = $"items/{i:D5}.json", ContentBody = "{}" }, ct));
        Console.WriteLine($"Distributed Map: {objects:N0} objects put in {clock.Elapsed.TotalSeconds:0.0} s (set-up, not measured below)");
        using var client = Client(batchKit);
        foreach (var type in (string[])["EXPRESS", "STANDARD"])
        {
            var definition = """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1000,
                  "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "map-bench", "Prefix": "items/"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "TYPE"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "ResultSelector": {"count.$": "States.ArrayLength($)"}, "End": true}}}
                """.Replace("TYPE", type, StringComparison.Ordinal);
            var arn = (await client.CreateStateMachineAsync("distributed-" + type.ToLowerInvariant(), definition, Role)).StateMachineArn;
            var times = new List<(double, double)>();
            var cpu = service.CpuSeconds();
            for (var run = 0; run < runs; run++)
            {
                times.Add(await RunOnceAsync(client, arn, "{}", expectOutput: $$"""{"count":{{objects}}}"""));
            }

            Print($"Distributed Map over {objects:N0} S3 objects, {type} children, {runs} runs", times);
            Console.WriteLine($"    emulator CPU per run: {1000 * (service.CpuSeconds() - cpu) / runs:0} ms");
        }
    }

    /// <summary>One execution to its end: (service ms, client ms). Anything but SUCCEEDED stops the benchmark.</summary>
    private static async Task<(double Service, double Client)> RunOnceAsync(StepFunctionsClient client, string arn, string input, string? expectOutput = null)
    {
        var clock = Stopwatch.StartNew();
        var started = await client.StartExecutionAsync(arn, "run-" + Guid.NewGuid().ToString("N"), input); // moto names a nameless one 'None'
        while (true)
        {
            var described = await client.DescribeExecutionAsync(started.ExecutionArn);
            if (described.Status != "RUNNING")
            {
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (described.Status != "SUCCEEDED" || (expectOutput is not null && described.Output != expectOutput))
                {
                    throw new InvalidOperationException($"{client.Endpoint}: {described.Status} {described.Error} {described.Cause} {described.Output}");
                }

                var stopped = described.StopDate ?? throw new InvalidOperationException($"{client.Endpoint}: {described.Status} without a stopDate");
                return ((stopped - described.StartDate).TotalMilliseconds, elapsed);
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"{client.Endpoint}: {started.ExecutionArn} still RUNNING after 5 minutes");
            }

            await Task.Delay(2);
        }
    }

    private static StepFunctionsClient Client(Uri endpoint) =>
        new(new AwsClientOptions { Endpoint = endpoint, Region = "us-east-1", Credentials = new BasicAWSCredentials("test", "test") });

    private static void Print(string what, List<(double Service, double Client)> times) =>
        Console.WriteLine($"  {what}: median {Median(times, 0):0.0} ms, p90 {Percentile(times, 0, 0.9):0.0} ms (service) | "
            + $"median {Median(times, 1):0.0} ms (client)");

    private static double Median(List<(double, double)> times, int column) => Percentile(times, column, 0.5);

    private static double Percentile(List<(double, double)> times, int column, double p)
    {
        var sorted = times.Select(t => column == 0 ? t.Item1 : t.Item2).Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }

    /// <summary>A service in a child process on a free loopback port, healthy before it is returned, killed by its pid on dispose.</summary>
    private sealed class ChildService(Process process, Uri endpoint) : IDisposable
    {
        public Uri Endpoint { get; } = endpoint;

        public bool HasExited => process.HasExited;

        /// <summary>utime + stime of /proc/PID/stat (fields 14 and 15, in ticks of 1/100 s), in seconds.</summary>
        public double CpuSeconds()
        {
            var stat = ProcStat.Of(process.Id);
            return (stat[14] + stat[15]) / 100.0;
        }

        public static async Task<ChildService> StartAsync(string name, string file, Func<string, string[]> arguments, string health)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
            listener.Stop();
            var start = new ProcessStartInfo(file, arguments(port)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            var service = new ChildService(Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start"), new Uri($"http://127.0.0.1:{port}/"));
            service.Drain();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = Stopwatch.StartNew();
            while (!await AnswersAsync(http, new Uri(service.Endpoint, health)))
            {
                if (service.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
                {
                    service.Dispose();
                    throw new TimeoutException($"{name} did not answer {health} on port {port} within 60 s (exited: {service.HasExited})");
                }

                await Task.Delay(50);
            }

            return service;
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }

            process.Dispose();
        }

        private void Drain()
        {
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        private static async Task<bool> AnswersAsync(HttpClient http, Uri url)
        {
            try
            {
                using var response = await http.GetAsync(url);
                return (int)response.StatusCode < 500;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }
    }
}
