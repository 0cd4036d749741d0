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
using BatchKit.Deployment;
using BatchKit.SampleData;

// Upload to SUCCEEDED through the whole local pipeline, every AWS part a real process as under `make up`: the published
// emulator (its peak RSS read from /proc), the published Lambda bootstrap and one worker process per store. The Slack
// stub (WireMock.Net, two requests a run) runs in this harness's process.
// Usage: BatchKit.Pipeline.Benchmarks REPO STORES ROWS [MAX_TASKS]   (e.g. 100 1000 10, then 1000 1000 10)
var repository = args[0];
var stores = int.Parse(args[1], CultureInfo.InvariantCulture);
var rows = int.Parse(args[2], CultureInfo.InvariantCulture);
var maxTasks = args.Length > 3 ? args[3] : "10";
var artifacts = Path.Combine(repository, "artifacts");
var data = Directory.CreateTempSubdirectory("batchkit-pipeline-bench-").FullName;
var port = FreePort();
var emulator = Process.Start(new ProcessStartInfo(Path.Combine(artifacts, "emulator", "BatchKit.Emulator"),
    ["--port", port.ToString(CultureInfo.InvariantCulture), "--data-dir", data, "--max-tasks", maxTasks,
     "--ecs-image", LocalDeployment.LocalWorkerImage + "=" + Path.Combine(artifacts, "worker", "batchkit-worker"),
     "--allow-hot-reload", Path.Combine(artifacts, "functions"), "--allow-hot-reload", Path.Combine(repository, ".batchkit")])
{ RedirectStandardOutput = true, UseShellExecute = false })!;
var endpoint = new Uri($"http://127.0.0.1:{port}");
using var slack = SlackStubServer.Start(Path.Combine(repository, SlackStubServer.MappingsFolder), port: 0);
try
{
    using var http = new HttpClient();
    var healthy = DateTime.UtcNow.AddSeconds(60);
    while (true)
    {
        try
        {
            if ((await http.GetAsync(new Uri(endpoint, "/_batchkit/health"))).IsSuccessStatusCode)
            {
                break;
            }
        }
        catch (HttpRequestException)
        {
            await Task.Delay(20);
        }

        if (DateTime.UtcNow > healthy)
        {
            throw new TimeoutException($"the emulator at {endpoint} did not answer /_batchkit/health within 60 s");
        }
    }

    // The template make up deploys (the same cdk.out, so an unchanged app is not synthesized again), into this emulator.
    var deployment = new LocalDeployment
    {
        RepositoryRoot = repository,
        Endpoint = endpoint,
        StateDirectory = Path.Combine(data, "stack"),
        SlackWebhookUrl = slack.Client.WebhookUrl,
        LambdaAssetDirectory = Path.Combine(artifacts, "functions"),
    };
    var deployed = Stopwatch.StartNew();
    await deployment.DeployAsync();
    var stack = DeployedStack.Read(deployment.OutputsFile);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"deployed from the synthesized template in {deployed.Elapsed.TotalSeconds:N1} s"));
    var zip = new MemoryStream();
    var generated = Stopwatch.StartNew();
    var expected = DayGenerator.Generate(new GeneratorOptions { Stores = stores, RowsMin = rows, RowsMax = rows, Seed = 5 }, zip);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"day: {stores} stores x {rows} rows = {expected.Rows:N0} rows, zip {zip.Length / 1e6:N1} MB (generated in {generated.Elapsed.TotalSeconds:N1} s); MaxConcurrency 10, emulator task cap {maxTasks}"));

    var credentials = new BasicAWSCredentials("test", "test");
    using var s3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
    using var sfn = new StepFunctionsClient(new AwsClientOptions { Endpoint = endpoint, Region = "us-east-1", Credentials = credentials });
    var uploaded = DateTimeOffset.UtcNow;
    var clock = Stopwatch.StartNew();
    zip.Position = 0;
    await s3.PutObjectAsync(new PutObjectRequest { BucketName = stack.Bucket, Key = "uploads/bench.zip", InputStream = zip });
    var putSeconds = clock.Elapsed.TotalSeconds;

    string? arn = null;
    DescribeExecutionResponse execution;
    long peakKb = 0;
    var ended = DateTime.UtcNow.AddMinutes(15);
    while (true)
    {
        if (DateTime.UtcNow > ended)
        {
            throw new TimeoutException($"the day's execution {arn ?? "(not started)"} did not end within 15 minutes");
        }

        peakKb = Math.Max(peakKb, PeakRssKb(emulator.Id));
        if (arn is null && (await sfn.ListExecutionsAsync(stack.StateMachineArn)).Executions is { Count: > 0 } started)
        {
            arn = started[0].ExecutionArn;
        }

        if (arn is not null && (execution = await sfn.DescribeExecutionAsync(arn)).Status != "RUNNING")
        {
            break;
        }

        await Task.Delay(50);
    }

    var total = clock.Elapsed.TotalSeconds;
    peakKb = Math.Max(peakKb, PeakRssKb(emulator.Id));
    var cpu = CpuSeconds(emulator.Id);
    var lambdaCpu = LiveChildren(emulator.Id).Sum(child => File.Exists($"/proc/{child}/stat") ? CpuSeconds(child).Self : 0);
    var history = (await sfn.GetExecutionHistoryAsync(arn)).Events;
    DateTimeOffset At(string type) => history.First(e => e.Type == type).Timestamp;
    var mapRun = (await sfn.ListMapRunsAsync(arn)).Single();
    var children = new List<(double Seconds, double Work)>();
    string? token = null;
    do
    {
        var page = await sfn.ListMapRunExecutionsAsync(mapRun, token);
        foreach (var child in page.Executions)
        {
            var described = await sfn.DescribeExecutionAsync(child.ExecutionArn);
            var work = double.Parse(JsonNode.Parse(described.Output!)!["processing_time"]!.GetValue<string>().TrimEnd('s'), CultureInfo.InvariantCulture);
            children.Add(((described.StopDate!.Value - described.StartDate).TotalSeconds, work));
        }

        token = page.NextToken;
    }
    while (token is not null);

    var report = JsonNode.Parse(await new StreamReader((await s3.GetObjectAsync(stack.Bucket, "reports/bench/summary.json")).ResponseStream).ReadToEndAsync())!;
    var exact = report["total"]!.GetValue<string>() == BatchKit.Sales.Money.ToText(expected.Total) && report["rows"]!.GetValue<long>() == expected.Rows;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"upload to {execution.Status}: {total:N1} s (report total {report["total"]} — {(exact ? "exact" : "MISMATCH")}), emulator peak RSS {peakKb / 1024.0:N0} MiB"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  S3 PUT of the zip {putSeconds:N2} s; Lambda (event, cold start, unzip to processed/, StartExecution) {(execution.StartDate - uploaded).TotalSeconds - putSeconds:N2} s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  Slack 'starting' {(At("MapRunStarted") - execution.StartDate).TotalSeconds:N2} s; Map {(At("MapRunSucceeded") - At("MapRunStarted")).TotalSeconds:N2} s; summary Lambda + Slack results {(execution.StopDate!.Value - At("MapRunSucceeded")).TotalSeconds:N2} s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  per store (child execution): mean {children.Average(c => c.Seconds):N2} s = worker aggregation {children.Average(c => c.Work):N2} s + RunTask, process start, S3 GET, SendTaskSuccess {children.Average(c => c.Seconds - c.Work):N2} s"));
    // The emulator reaps every worker it started, so their CPU is in its cutime/cstime; the warm Lambda processes still
    // run and are not counted there.
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  CPU until SUCCEEDED: emulator {cpu.Self:N2} s, the ended workers {cpu.Children:N2} s = {cpu.Children / stores * 1000:N0} ms per store task, " +
        $"the warm Lambda environments (upload and summary) {lambdaCpu:N2} s"));
}
finally
{
    emulator.Kill(entireProcessTree: true);
    await emulator.WaitForExitAsync();
    Directory.Delete(data, recursive: true);
}

static long PeakRssKb(int pid)
{
    try
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
    catch (IOException)
    {
        return 0;
    }
}

// utime + stime and cutime + cstime of /proc/PID/stat (fields 14-17, in clock ticks of 1/100 s), in seconds.
static (double Self, double Children) CpuSeconds(int pid)
{
    var text = File.ReadAllText($"/proc/{pid}/stat");
    var fields = text[(text.LastIndexOf(')') + 2)..].Split(' '); // fields from the 3rd on: the name may hold spaces
    double Ticks(int field) => long.Parse(fields[field - 3], CultureInfo.InvariantCulture) / 100.0;
    return (Ticks(14) + Ticks(15), Ticks(16) + Ticks(17));
}

// The processes whose parent is PID (the Lambda environments the emulator keeps warm; ended workers are reaped).
static List<int> LiveChildren(int pid) =>
    Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(name => name!.All(char.IsAsciiDigit))
        .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
        .Where(child =>
        {
            try
            {
                var text = File.ReadAllText($"/proc/{child}/stat");
                return int.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture) == pid;
            }
            catch (IOException)
            {
                return false; // ended while we looked
            }
        }).ToList();

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
