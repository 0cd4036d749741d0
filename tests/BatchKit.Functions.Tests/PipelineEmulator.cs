using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using BatchKit.Aws.StepFunctions;
using BatchKit.Contracts;
using BatchKit.Emulator;

namespace BatchKit.Functions.Tests;

/// <summary>
/// The embedded emulator with what the upload handler needs: the bucket, a state machine (a Pass state: these tests
/// are about what starts it, not what it does) and its ARN in SSM; and the real clients, pointed at it.
/// </summary>
public sealed class PipelineEmulator : IAsyncLifetime
{
    public const string Bucket = "sales";
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-upload-").FullName;

    public EmulatorHost Host { get; private set; } = null!;

    public AmazonS3Client S3 { get; private set; } = null!;

    public AmazonSimpleSystemsManagementClient Ssm { get; private set; } = null!;

    public StepFunctionsClient StepFunctions { get; private set; } = null!;

    public string StateMachineArn { get; private set; } = "";

    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        Host = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Port = 0,
            DataDirectory = _data,
            LambdaAsyncRetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)],
        });
        S3 = LocalAws.S3(Host.ServiceUrl);
        var options = LocalAws.ClientOptions(Host.ServiceUrl);
        Ssm = LocalAws.Ssm(Host.ServiceUrl);
        StepFunctions = new StepFunctionsClient(options);
        await S3.PutBucketAsync(Bucket);
        var machine = await StepFunctions.CreateStateMachineAsync("sales-batch", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", "arn:aws:iam::000000000000:role/sfn");
        StateMachineArn = machine.StateMachineArn;
        await Ssm.PutParameterAsync(new PutParameterRequest { Name = ParameterNames.StepFunctionArn, Value = StateMachineArn, Type = ParameterType.String });
    }

    public async Task DisposeAsync()
    {
        S3.Dispose();
        Http.Dispose();
        Ssm.Dispose();
        StepFunctions.Dispose();
        await Host.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    public async Task<List<string>> KeysAsync(string prefix)
    {
        var response = await S3.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = Bucket, Prefix = prefix });
        return [.. (response.S3Objects ?? []).Select(o => o.Key)];
    }

    public async Task<IReadOnlyList<ExecutionListItem>> ExecutionsAsync() => (await StepFunctions.ListExecutionsAsync(StateMachineArn)).Executions;

    public async Task<string> UploadAsync(string key, byte[] zip) =>
        (await S3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new MemoryStream(zip) })).ETag;

    public static JsonNode Json(byte[] utf8) => JsonNode.Parse(utf8)!;
}
