using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using BatchKit.Aws.S3;
using BatchKit.Aws.StepFunctions;
using BatchKit.Emulator;

namespace BatchKit.Aws.Tests;

/// <summary>The thin clients against the embedded emulator over real HTTP, endpoint taken from AWS_ENDPOINT_URL as in production.</summary>
public sealed class EmulatorWireTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-aws-").FullName;
    private EmulatorHost _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = _data });

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Step_Functions_create_start_describe_and_read_history()
    {
        using var sfn = new StepFunctionsClient(Options());
        var machine = await sfn.CreateStateMachineAsync("wire", """{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "End": true}}}""", "arn:aws:iam::000000000000:role/r");
        var run = await sfn.StartExecutionAsync(machine.StateMachineArn, "first", """{"n": 3}""");

        var described = await Eventually.ValueAsync(() => sfn.DescribeExecutionAsync(run.ExecutionArn), d => d.Status != "RUNNING", "the execution ending");

        Assert.Equal(("SUCCEEDED", """{"n":3}"""), (described.Status, described.Output));
        var history = await sfn.GetExecutionHistoryAsync(run.ExecutionArn);
        Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], history.Events.Select(e => e.Type));
        Assert.Contains("\"name\":\"P\"", history.Events[1].DetailsJson, StringComparison.Ordinal);
        Assert.Single((await sfn.ListExecutionsAsync(machine.StateMachineArn)).Executions);

        var e = await Assert.ThrowsAsync<AwsServiceException>(() => sfn.SendTaskSuccessAsync("not-a-token", "{}"));
        Assert.Equal("InvalidToken", e.ErrorCode);
    }

    [Fact]
    public async Task S3_GetObject_streams_the_body_of_a_key_that_needs_encoding_and_names_missing_keys_and_buckets()
    {
        using var sdk = LocalAws.S3(_emulator.ServiceUrl);
        await sdk.PutBucketAsync("wire-bucket");
        const string key = "processed/2026-11-22/store 7 (été)+1.json";
        var put = await sdk.PutObjectAsync(new PutObjectRequest { BucketName = "wire-bucket", Key = key, ContentBody = "[1,2,3]" });
        var s3 = new S3Client(Options());

        using (var got = await s3.GetObjectAsync("wire-bucket", key))
        {
            Assert.Equal("[1,2,3]", await new StreamReader(got.ResponseStream).ReadToEndAsync());
            Assert.Equal((7L, put.ETag), (got.ContentLength, got.ETag));
        }

        var missingKey = await Assert.ThrowsAsync<AwsServiceException>(() => s3.GetObjectAsync("wire-bucket", "processed/none.json"));
        var missingBucket = await Assert.ThrowsAsync<AwsServiceException>(() => s3.GetObjectAsync("no-such-bucket", "a.json"));
        Assert.Equal(("NoSuchKey", System.Net.HttpStatusCode.NotFound), (missingKey.ErrorCode, missingKey.StatusCode));
        Assert.Equal("NoSuchBucket", missingBucket.ErrorCode);
    }

    private AwsClientOptions Options() => new()
    {
        Environment = new FakeEnvironment(new() { ["AWS_ENDPOINT_URL"] = _emulator.ServiceUrl.ToString(), ["AWS_REGION"] = "us-east-1" }),
        Credentials = new BasicAWSCredentials("test", "test"),
        MaxAttempts = 1,
    };
}
