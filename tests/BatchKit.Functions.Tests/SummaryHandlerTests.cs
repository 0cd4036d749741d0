using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using BatchKit.Functions.Runtime;
using BatchKit.Functions.Summary;

namespace BatchKit.Functions.Tests;

/// <summary>The summary handler reading ResultWriter files from the emulator's S3 (records as AWS writes them).</summary>
public sealed class SummaryHandlerTests : IAsyncLifetime
{
    private readonly PipelineEmulator _aws = new();

    public Task InitializeAsync() => _aws.InitializeAsync();

    public Task DisposeAsync() => _aws.DisposeAsync();

    private Task<PutObjectResponse> PutAsync(string key, string body) =>
        _aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = PipelineEmulator.Bucket, Key = key, ContentBody = body });

    private static string Succeeded(string store, int quantity, string unitPrice) => new JsonObject
    {
        ["ExecutionArn"] = $"arn:aws:states:us-east-1:000000000000:execution:sales-batch/Stores:{store}",
        ["Input"] = $$"""{"BatchInput":{"bucket":"sales"},"Items":[{"Key":"processed/d/{{store}}.json"}]}""",
        ["Output"] = WorkerOutputs.For(store, quantity, unitPrice),
        ["Status"] = "SUCCEEDED",
    }.ToJsonString();

    [Fact]
    public async Task The_day_is_summed_from_the_Map_results_and_written_as_a_report()
    {
        await PutAsync("reports/d/map/run/SUCCEEDED_0.json", $"[{Succeeded("store_1000", 1, "5949.11")},{Succeeded("store_1001", 2, "1564.36")}]");
        await PutAsync("reports/d/map/run/FAILED_0.json", new JsonArray(new JsonObject
        {
            ["Input"] = """{"BatchInput":{"bucket":"sales"},"Items":[{"Key":"processed/d/store_1003.json"}]}""",
            ["Status"] = "FAILED",
            ["Error"] = "BatchKit.InvalidData",
            ["Cause"] = "store_1003.json row 12: UnitPrice is not a number",
        }).ToJsonString());
        await PutAsync("reports/d/map/run/manifest.json", """
            {"DestinationBucket":"sales","MapRunArn":"arn","ResultFiles":{"SUCCEEDED":[{"Key":"reports/d/map/run/SUCCEEDED_0.json","Size":1}],
             "FAILED":[{"Key":"reports/d/map/run/FAILED_0.json","Size":1}],"PENDING":[]}}
            """);

        var result = PipelineEmulator.Json(await new SummaryHandler(_aws.S3, TextWriter.Null).HandleAsync(Encoding.UTF8.GetBytes("""
            {"bucket":"sales","bucket_path":"processed/d/","result_writer":{"Bucket":"sales","Key":"reports/d/map/run/manifest.json"}}
            """), CancellationToken.None));

        Assert.Equal("9077.83", result["total"]!.GetValue<string>());
        Assert.Equal("$9077.83", result["total_sales"]!.GetValue<string>());
        Assert.Equal(2, result["rows"]!.GetValue<long>());
        Assert.Equal(3, result["stores"]!.GetValue<int>());
        Assert.Equal("store_1003", result["stores_failed"]![0]!.GetValue<string>());
        Assert.Contains("store_1003: BatchKit.InvalidData: store_1003.json row 12", result["slack_text"]!.GetValue<string>(), StringComparison.Ordinal);

        using var report = await _aws.S3.GetObjectAsync(PipelineEmulator.Bucket, "reports/d/summary.json");
        var written = await JsonNode.ParseAsync(report.ResponseStream);
        Assert.Equal("5949.11", written!["by_store"]!["store_1000"]!["total"]!.GetValue<string>());
        Assert.Equal(result["total"]!.GetValue<string>(), written["total"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_empty_day_is_a_summary_of_no_stores()
    {
        var result = PipelineEmulator.Json(await new SummaryHandler(_aws.S3, TextWriter.Null).HandleAsync(
            """{"bucket":"sales","bucket_path":"processed/empty/","result_writer":null}"""u8.ToArray(), CancellationToken.None));
        Assert.Equal(0, result["stores"]!.GetValue<int>());
        Assert.Contains("no stores", result["slack_text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(await _aws.KeysAsync("reports/empty/summary.json"));
    }

    [Fact]
    public async Task Missing_results_are_a_named_error()
    {
        var error = await Assert.ThrowsAsync<HandlerException>(() => new SummaryHandler(_aws.S3, TextWriter.Null).HandleAsync(
            """{"bucket":"sales","bucket_path":"processed/x/","result_writer":{"Bucket":"sales","Key":"reports/x/map/nope/manifest.json"}}"""u8.ToArray(), CancellationToken.None));
        Assert.Equal("BatchKit.S3Error", error.ErrorType);
        Assert.Contains("reports/x/map/nope/manifest.json", error.Message, StringComparison.Ordinal);
    }
}
