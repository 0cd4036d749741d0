using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Aws;
using BatchKit.Aws.StepFunctions;
using BatchKit.Deployment;
using BatchKit.SampleData;

namespace BatchKit.Pipeline.Benchmarks;

/// <summary>
/// One upload to SUCCEEDED through the whole local pipeline, every AWS part a real process as under `make up`: the
/// published emulator (its peak RSS read from /proc) with ECS tasks run by <c>--ecs-runtime</c> (process: the published
/// worker; container: the batchkit/worker image of `make images`), the published Lambda bootstrap, and the Slack stub
/// (WireMock.Net) in this harness's process. Each run has a fresh emulator and data directory.
/// </summary>
internal sealed class PipelineRun(string repository, string maxTasks)
{
    private static readonly TimeSpan HealthDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    private string Artifacts => Path.Combine(repository, "artifacts");

    public async Task<RunFigures> RunAsync(string ecsRuntime, MemoryStream zip, BatchKit.Sales.DayTotals expected)
    {
        var data = Directory.CreateTempSubdirectory("batchkit-pipeline-bench-").FullName;
        var endpoint = new Uri($"http://127.0.0.1:{ProcessStats.FreePort().ToString(CultureInfo.InvariantCulture)}");
        using var emulator = StartEmulator(ecsRuntime, endpoint, data);
        using var slack = SlackStubServer.Start(Path.Combine(repository, SlackStubServer.MappingsFolder), port: 0);
        try
        {
            await WaitHealthyAsync(endpoint);
            var deployment = new LocalDeployment
            {
                RepositoryRoot = repository,
                Endpoint = endpoint,
                StateDirectory = Path.Combine(data, "stack"),
                SlackWebhookUrl = slack.Client.WebhookUrl,
                LambdaAssetDirectory = Path.Combine(Artifacts, "functions"),
            };
            await deployment.DeployAsync(); // the template make up deploys (the same cdk.out: an unchanged app is not synthesized again)
            return await UploadAndFollowAsync(ecsRuntime, emulator, endpoint, DeployedStack.Read(deployment.OutputsFile), zip, expected);
        }
        finally
        {
            await StopAsync(emulator);
            Directory.Delete(data, recursive: true);
        }
    }

    private Process StartEmulator(string ecsRuntime, Uri endpoint, string data) =>
        Process.Start(new ProcessStartInfo(Path.Combine(Artifacts, "emulator", "BatchKit.Emulator"),
            ["--port", endpoint.Port.ToString(CultureInfo.InvariantCulture), "--data-dir", data, "--max-tasks", maxTasks, "--ecs-runtime", ecsRuntime,
             "--ecs-image", LocalDeployment.LocalWorkerImage + "=" + Path.Combine(Artifacts, "worker", "batchkit-worker"),
             // the functions' asset as published, and as staged into cdk.out by the synthesis the deploy runs
             "--allow-hot-reload", Path.Combine(Artifacts, "functions"), "--allow-hot-reload", Path.Combine(repository, "cdk.out")])
        { RedirectStandardOutput = true, UseShellExecute = false })!;

    private static async Task WaitHealthyAsync(Uri endpoint)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + HealthDeadline;
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri(endpoint, "/_batchkit/health"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(20);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the emulator at {endpoint} did not answer /_batchkit/health within {HealthDeadline.TotalSeconds:0} s");
            }
        }
    }

    /// <summary>SIGTERM first (the emulator then stops and removes its task containers), SIGKILL after a grace period.</summary>
    private static async Task StopAsync(Process emulator)
    {
        using (var term = Process.Start("kill", ["-TERM", emulator.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await emulator.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            emulator.Kill(entireProcessTree: true);
            await emulator.WaitForExitAsync();
        }
    }

    private static async Task<RunFigures> UploadAndFollowAsync(
        string ecsRuntime, Process emulator, Uri endpoint, DeployedStack stack, MemoryStream zip, BatchKit.Sales.DayTotals expected)
    {
        var credentials = new BasicAWSCredentials("test", "test");
        using var s3 = new AmazonS3Client(credentials, new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1",
        });
        using var sfn = new StepFunctionsClient(new AwsClientOptions { Endpoint = endpoint, Region = "us-east-1", Credentials = credentials });
        var uploaded = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        zip.Position = 0;
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = stack.Bucket, Key = "uploads/bench.zip", InputStream = zip, AutoCloseStream = false });
        var put = clock.Elapsed.TotalSeconds;

        string? arn = null;
        DescribeExecutionResponse execution;
        long peakKb = 0;
        var managed = new ManagedMemoryPeaks(endpoint);
        var deadline = DateTime.UtcNow + RunDeadline;
        while (true)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the day's execution {arn ?? "(not started)"} did not end within {RunDeadline.TotalMinutes:0} minutes");
            }

            peakKb = Math.Max(peakKb, ProcessStats.PeakRssKb(emulator.Id));
            await managed.SampleAsync();
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

        var figures = new RunFigures(ecsRuntime, execution.Status, await IsExactAsync(s3, stack, expected), clock.Elapsed.TotalSeconds)
        {
            Put = put,
            Lambda = (execution.StartDate - uploaded).TotalSeconds - put,
            EmulatorPeakMiB = Math.Max(peakKb, ProcessStats.PeakRssKb(emulator.Id)) / 1024.0,
            EmulatorPeakGcHeapMiB = managed.HeapMiB,
            EmulatorPeakGcCommittedMiB = managed.CommittedMiB,
        };
        return await BreakdownAsync(figures, sfn, execution, emulator);
    }

    private static async Task<bool> IsExactAsync(AmazonS3Client s3, DeployedStack stack, BatchKit.Sales.DayTotals expected)
    {
        using var response = await s3.GetObjectAsync(stack.Bucket, "reports/bench/summary.json");
        var report = (await JsonNode.ParseAsync(response.ResponseStream))!;
        return report["total"]!.GetValue<string>() == BatchKit.Sales.Money.ToText(expected.Total) && report["rows"]!.GetValue<long>() == expected.Rows;
    }

    /// <summary>The execution's phases from its history, each store's child execution, and the CPU /proc counted.</summary>
    private static async Task<RunFigures> BreakdownAsync(RunFigures figures, StepFunctionsClient sfn, DescribeExecutionResponse execution, Process emulator)
    {
        var cpu = ProcessStats.CpuSeconds(emulator.Id);
        var history = (await sfn.GetExecutionHistoryAsync(execution.ExecutionArn)).Events;
        DateTimeOffset At(string type) => history.First(e => e.Type == type).Timestamp;
        var mapRun = (await sfn.ListMapRunsAsync(execution.ExecutionArn)).Single();
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

        return figures with
        {
            SlackStarting = (At("MapRunStarted") - execution.StartDate).TotalSeconds,
            Map = (At("MapRunSucceeded") - At("MapRunStarted")).TotalSeconds,
            Summary = (execution.StopDate!.Value - At("MapRunSucceeded")).TotalSeconds,
            PerStore = children.Average(c => c.Seconds),
            PerStoreWork = children.Average(c => c.Work),
            EmulatorCpu = cpu.Self,
            // The emulator reaps every worker process it started, so their CPU is in its cutime/cstime; a container's
            // process is the engine's child, not the emulator's.
            WorkerCpu = figures.Runtime == "process" ? cpu.Children : null,
        };
    }
}
