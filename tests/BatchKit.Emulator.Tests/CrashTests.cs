using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// Issue 12, item 5's crash test: the built emulator runs as a child process, is killed with SIGKILL in the middle of
/// uploads and in the middle of a Distributed Map's Map Run, and is started again on the same data directory. Every
/// write it acknowledged must be there, byte for byte, and the interrupted execution must end visibly.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-crash-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Every_acknowledged_upload_survives_a_kill_during_uploads()
    {
        var acknowledged = new ConcurrentDictionary<string, string>(StringComparer.Ordinal); // key → MD5 of what was sent
        var sent = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await using (var emulator = await EmulatorProcess.StartAsync(_data))
        {
            using var s3 = LocalAws.S3(emulator.Endpoint);
            await s3.PutBucketAsync("crash");
            using var uploading = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() => UploadUntilKilledAsync(s3, w, sent, acknowledged, uploading.Token))).ToArray();
            await Eventually.ValueAsync(() => Task.FromResult(acknowledged.Count), n => n >= 40, "40 acknowledged uploads");
            emulator.Kill(); // SIGKILL: no shutdown code runs
            await Task.WhenAll(writers);
        }

        await using var restarted = await EmulatorProcess.StartAsync(_data);
        using var again = LocalAws.S3(restarted.Endpoint);
        foreach (var (key, md5) in acknowledged)
        {
            using var get = await again.GetObjectAsync("crash", key);
            Assert.Equal(md5, await Md5Async(get.ResponseStream));
            Assert.Equal($"\"{md5}\"", get.ETag);
        }

        var listed = (await again.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "crash", MaxKeys = 1000 })).S3Objects ?? [];
        Assert.All(listed, o => Assert.True(sent.TryGetValue(o.Key, out var md5) && $"\"{md5}\"" == o.ETag, $"{o.Key} is listed but is not a complete upload"));
        // Every acknowledged key is listed; writes committed just before the kill but never answered may be listed too.
        Assert.Superset(acknowledged.Keys.ToHashSet(), listed.Select(o => o.Key).ToHashSet());
    }

    [Fact]
    public async Task A_kill_during_a_map_run_leaves_the_execution_failed_with_the_reason_after_a_restart()
    {
        string executionArn;
        string machineArn;
        await using (var emulator = await EmulatorProcess.StartAsync(_data))
        {
            using var client = new EndpointClient(emulator.Endpoint);
            using var s3 = client.S3();
            await s3.PutBucketAsync("day");
            for (var i = 0; i < 12; i++)
            {
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = "day", Key = $"processed/2026-11-30/store_{1000 + i}.json", ContentBody = "[]" });
            }

            machineArn = await DurabilityTests.CreateMachineAsync(client, "map-crash", MapDefinition);
            executionArn = (await client.OkAsync("AWSStepFunctions.StartExecution", "states", new JsonObject { ["stateMachineArn"] = machineArn, ["name"] = "day-1" }))
                ["executionArn"]!.GetValue<string>();
            await Eventually.ValueAsync(() => MapRunAsync(client, executionArn), r => r?["itemCounts"]?["succeeded"]?.GetValue<long>() >= 2, "two Map items done");
            await Task.Delay(ExecutionArchiveCheckpoint + TimeSpan.FromMilliseconds(500)); // one checkpoint after the progress seen
            emulator.Kill();
        }

        await using var restarted = await EmulatorProcess.StartAsync(_data);
        using var again = new EndpointClient(restarted.Endpoint);
        var execution = await again.DescribeExecutionAsync(executionArn);
        Assert.Equal("FAILED", execution["status"]!.GetValue<string>());
        Assert.Equal("States.Runtime", execution["error"]!.GetValue<string>());
        Assert.Contains("restarted while the execution was running (in state 'Stores')", execution["cause"]!.GetValue<string>(), StringComparison.Ordinal);
        var mapRun = (await MapRunAsync(again, executionArn))!;
        Assert.Equal("ABORTED", mapRun["status"]!.GetValue<string>());
        Assert.Equal(12, mapRun["itemCounts"]!["total"]!.GetValue<long>());
        Assert.True(mapRun["itemCounts"]!["succeeded"]!.GetValue<long>() >= 2, mapRun.ToJsonString());
        Assert.Equal(0, mapRun["itemCounts"]!["running"]!.GetValue<long>());
        var children = await again.OkAsync("AWSStepFunctions.ListExecutions", "states", new JsonObject { ["mapRunArn"] = mapRun["mapRunArn"]!.GetValue<string>() });
        Assert.DoesNotContain(children["executions"]!.AsArray(), c => c!["status"]!.GetValue<string>() == "RUNNING");

        // The day can be run again on the restarted emulator: the machine and the inputs were kept.
        var rerun = (await again.OkAsync("AWSStepFunctions.StartExecution", "states", new JsonObject { ["stateMachineArn"] = machineArn, ["name"] = "day-1-again" }))
            ["executionArn"]!.GetValue<string>();
        Assert.Equal("SUCCEEDED", (await again.WaitForExecutionAsync(rerun))["status"]!.GetValue<string>());
    }

    private static readonly TimeSpan ExecutionArchiveCheckpoint = Services.StepFunctions.ExecutionArchive.CheckpointInterval;

    private const string MapDefinition = """
        {"StartAt":"Stores","States":{"Stores":{"Type":"Map","MaxConcurrency":2,
          "ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"day","Prefix":"processed/2026-11-30/"}},
          "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Work",
            "States":{"Work":{"Type":"Wait","Seconds":1,"End":true}}},"End":true}}}
        """;

    private static async Task<JsonObject?> MapRunAsync(EndpointClient client, string executionArn)
    {
        var runs = (await client.OkAsync("AWSStepFunctions.ListMapRuns", "states", new JsonObject { ["executionArn"] = executionArn }))["mapRuns"]!.AsArray();
        return runs.Count == 0 ? null
            : await client.OkAsync("AWSStepFunctions.DescribeMapRun", "states", new JsonObject { ["mapRunArn"] = runs[0]!["mapRunArn"]!.GetValue<string>() });
    }

    private static async Task UploadUntilKilledAsync(
        AmazonS3Client s3, int writer, ConcurrentDictionary<string, string> sent, ConcurrentDictionary<string, string> acknowledged, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var key = $"w{writer}/object-{i:D5}";
            var body = RandomNumberGenerator.GetBytes(64 * 1024 + (i * 4099 % 65536));
            var md5 = Md5(body);
            sent[key] = md5;
            try
            {
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = "crash", Key = key, InputStream = new MemoryStream(body) }, stop);
                acknowledged[key] = md5;
            }
            catch (Exception e) when (e is HttpRequestException or AmazonS3Exception or IOException or TaskCanceledException or Amazon.Runtime.AmazonServiceException)
            {
                return; // the emulator is gone: this write was never acknowledged
            }
        }
    }

#pragma warning disable CA5351 // S3's ETag is the MD5 of the bytes
    private static string Md5(byte[] body) => Convert.ToHexStringLower(MD5.HashData(body));

    private static async Task<string> Md5Async(Stream stream) => Convert.ToHexStringLower(await MD5.HashDataAsync(stream));
#pragma warning restore CA5351
}
