using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using DotNet.Testcontainers.Configurations;

namespace BatchKit.Testcontainers.Tests;

/// <summary>
/// The emulator image started through the module, as another project's test suite would: ready when healthy, then
/// driven by the real AWS SDK for .NET at <see cref="BatchKitEmulatorContainer.GetConnectionString"/>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // a Linux engine; the data directory's mode
public sealed class BatchKitEmulatorContainerTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("batchkit-testcontainers-").FullName;
    private BatchKitEmulatorContainer _emulator = null!;

    static BatchKitEmulatorContainerTests()
    {
        EngineApiVersion.Announce(); // before Testcontainers reads its settings
        // Ryuk, Testcontainers' reaper, is an image from a registry, and none is reachable here: the tests stop their
        // container themselves (DisposeAsync), by its id.
        TestcontainersSettings.ResourceReaperEnabled = false;
    }

    public async Task InitializeAsync()
    {
        // The emulator runs as the image's non-root user (uid 1654): it must be able to write the data directory.
        File.SetUnixFileMode(_data, (UnixFileMode)0b111_111_111);
        _emulator = new BatchKitEmulatorBuilder().WithDataDirectory(_data).WithTimeScale(1000).Build();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _emulator.StartAsync(deadline.Token);
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task The_AWS_SDK_puts_and_gets_an_object_and_the_data_lands_in_the_mounted_directory()
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config
        {
            ServiceURL = _emulator.GetConnectionString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

        await s3.PutBucketAsync("sales");
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "sales", Key = "uploads/2026-11-22.zip", ContentBody = "a day of sales" });
        using var got = await s3.GetObjectAsync("sales", "uploads/2026-11-22.zip");
        using var reader = new StreamReader(got.ResponseStream);

        Assert.Equal("a day of sales", await reader.ReadToEndAsync());
        Assert.NotEmpty(Directory.EnumerateFiles(_data, "*", SearchOption.AllDirectories));
        Assert.StartsWith("http://127.0.0.1:", _emulator.GetConnectionString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_endpoint_names_every_service_and_SSM_answers_a_signed_call()
    {
        using var http = new HttpClient();
        var health = JsonNode.Parse(await http.GetStringAsync(new Uri(_emulator.Endpoint, BatchKitEmulatorBuilder.HealthPath)))!;
        Assert.Equal("running", health["status"]!.GetValue<string>());
        Assert.Equal(1000, health["clock"]!["timeScale"]!.GetValue<double>()); // the builder's --time-scale reached the emulator
        Assert.Equal(
            ["dynamodb", "ecs", "events", "lambda", "logs", "s3", "ses", "sqs", "ssm", "stepfunctions", "sts"],
            health["services"]!.AsObject().Select(p => p.Key).Order());

        // The emulator verifies every signature against its secret, as AWS does: the real SSM client signs.
        using var ssm = new AmazonSimpleSystemsManagementClient(new BasicAWSCredentials("test", "test"), new AmazonSimpleSystemsManagementConfig
        {
            ServiceURL = _emulator.GetConnectionString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });
        var put = await ssm.PutParameterAsync(new PutParameterRequest { Name = "/batchkit/slack-url", Value = "http://127.0.0.1:1/hook", Type = ParameterType.String });
        Assert.Equal(1, put.Version);
    }
}
