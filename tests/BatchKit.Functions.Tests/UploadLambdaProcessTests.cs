using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BatchKit.Functions.Tests;

/// <summary>
/// The published <c>bootstrap</c> as a real Lambda in the emulator, triggered by S3 notifications exactly as on AWS:
/// a day is unpacked and started; a corrupt zip fails every attempt visibly and writes nothing.
/// </summary>
public sealed class UploadLambdaProcessTests : IAsyncLifetime
{
    private readonly PipelineEmulator _aws = new();

    public async Task InitializeAsync()
    {
        await _aws.InitializeAsync();
        var (status, body) = await LambdaAsync(HttpMethod.Post, "/2015-03-31/functions", new JsonObject
        {
            ["FunctionName"] = "batchkit-upload",
            ["Runtime"] = "provided.al2023",
            ["Role"] = "arn:aws:iam::000000000000:role/upload",
            ["Handler"] = "upload",
            ["Timeout"] = 60,
            ["MemorySize"] = 256,
            // The bootstrap this test project built sits in its output folder; LocalStack's hot-reload bucket names it.
            ["Code"] = new JsonObject { ["S3Bucket"] = "hot-reload", ["S3Key"] = AppContext.BaseDirectory },
        });
        Assert.True(status == 201, body);
        await _aws.S3.PutBucketNotificationAsync(new Amazon.S3.Model.PutBucketNotificationRequest
        {
            BucketName = PipelineEmulator.Bucket,
            LambdaFunctionConfigurations =
            [
                new Amazon.S3.Model.LambdaFunctionConfiguration
                {
                    FunctionArn = "arn:aws:lambda:us-east-1:000000000000:function:batchkit-upload",
                    Events = [Amazon.S3.EventType.ObjectCreatedAll],
                    Filter = new Amazon.S3.Model.Filter
                    {
                        S3KeyFilter = new Amazon.S3.Model.S3KeyFilter
                        {
                            FilterRules = [new Amazon.S3.Model.FilterRule("prefix", "uploads/"), new Amazon.S3.Model.FilterRule("suffix", ".zip")],
                        },
                    },
                },
            ],
        });
    }

    public Task DisposeAsync() => _aws.DisposeAsync();

    private async Task<(int Status, string Body)> LambdaAsync(HttpMethod method, string path, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_aws.Host.ServiceUrl, path)) { Content = body is null ? null : JsonContent.Create(body) };
        await SignedRequests.SignAsync(request, "lambda");
        using var response = await _aws.Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task An_upload_is_unpacked_and_started_by_the_real_bootstrap_and_a_corrupt_one_fails_visibly()
    {
        await _aws.UploadAsync("uploads/day01.zip", await File.ReadAllBytesAsync(Zips.Day01));
        await WaitUntilAsync(async () => (await _aws.ExecutionsAsync()).Count == 1, "the day's execution");
        Assert.Equal(10, (await _aws.KeysAsync("processed/day01/")).Count);

        await _aws.UploadAsync("uploads/broken day.zip", [0x50, 0x4b, 0x03, 0x04, 0, 0, 0]);
        JsonArray failed = [];
        await WaitUntilAsync(async () =>
        {
            failed = (await _aws.Http.GetFromJsonAsync<JsonObject>(new Uri(_aws.Host.ServiceUrl, "/_batchkit/lambda/failed-events")))!["events"]!.AsArray();
            return failed.Count > 0;
        }, "the corrupt upload to fail its three attempts");

        var failure = Assert.Single(failed)!;
        Assert.Equal(3, failure["attempts"]!.GetValue<int>());
        Assert.Contains("BatchKit.ArchiveRejected", failure["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("uploads/broken day.zip was refused", failure["error"]!.GetValue<string>(), StringComparison.Ordinal); // the key decoded from "broken+day.zip"
        Assert.Empty(await _aws.KeysAsync("processed/broken day/"));
        Assert.Single(await _aws.ExecutionsAsync());

        var logs = (await _aws.Http.GetFromJsonAsync<JsonObject>(new Uri(_aws.Host.ServiceUrl, "/_batchkit/lambda/logs?function=batchkit-upload")))!["lines"]!.AsArray();
        Assert.Contains(logs, l => l!.GetValue<string>().Contains("10 store files", StringComparison.Ordinal));
    }
}
