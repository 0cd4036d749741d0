using System.IO.Compression;
using Amazon.SimpleSystemsManagement.Model;
using BatchKit.Functions.Runtime;
using BatchKit.Functions.Upload;

namespace BatchKit.Functions.Tests;

/// <summary>The upload handler's logic in-process against the emulator's real S3, SSM and Step Functions.</summary>
public sealed class UploadProcessorTests : IAsyncLifetime
{
    private readonly PipelineEmulator _aws = new();
    private readonly TextWriter _log = TextWriter.Null;

    public Task InitializeAsync() => _aws.InitializeAsync();

    public Task DisposeAsync() => _aws.DisposeAsync();

    private UploadProcessor Processor(ArchiveLimits? limits = null) => new(_aws.S3, _aws.Ssm, _aws.StepFunctions, limits ?? new ArchiveLimits(), _log);

    private async Task<UploadOutcome> UploadAndProcessAsync(string key, byte[] zip, ArchiveLimits? limits = null)
    {
        var eTag = await _aws.UploadAsync(key, zip);
        return await Processor(limits).ProcessAsync(new S3EventRecord("ObjectCreated:Put", PipelineEmulator.Bucket, key, zip.Length, eTag.Trim('"')), CancellationToken.None);
    }

    [Fact]
    public async Task The_real_day_is_unpacked_byte_for_byte_and_its_run_started_once()
    {
        var zip = await File.ReadAllBytesAsync(Zips.Day01);
        var eTag = await _aws.UploadAsync("uploads/day01.zip", zip);
        var record = new S3EventRecord("ObjectCreated:Put", PipelineEmulator.Bucket, "uploads/day01.zip", zip.Length, eTag.Trim('"'));
        var processor = Processor();

        var outcome = await processor.ProcessAsync(record, CancellationToken.None);

        Assert.Equal(UploadOutcome.Started, outcome.Status);
        Assert.Equal(10, outcome.Stores);
        using var archive = new ZipArchive(new MemoryStream(zip));
        foreach (var entry in archive.Entries)
        {
            using var response = await _aws.S3.GetObjectAsync(PipelineEmulator.Bucket, "processed/day01/" + entry.Name);
            var written = new MemoryStream();
            await response.ResponseStream.CopyToAsync(written);
            var original = new MemoryStream();
            await using (var stream = entry.Open())
            {
                await stream.CopyToAsync(original);
            }

            Assert.Equal(original.ToArray(), written.ToArray());
        }

        var execution = Assert.Single(await _aws.ExecutionsAsync());
        Assert.Equal(outcome.ExecutionArn, execution.ExecutionArn);
        var described = await _aws.StepFunctions.DescribeExecutionAsync(execution.ExecutionArn);
        Assert.Equal("""{"input":{"source_bucket_name":"sales","bucket_path":"processed/day01/"}}""", described.Input);

        var duplicate = await processor.ProcessAsync(record, CancellationToken.None); // S3 delivered the event twice
        Assert.Equal(UploadOutcome.Duplicate, duplicate.Status);
        Assert.Single(await _aws.ExecutionsAsync());
    }

    [Fact]
    public async Task A_reupload_of_the_day_replaces_the_earlier_files()
    {
        await UploadAndProcessAsync("uploads/d2.zip", Zips.Of(("store_1.json", "[]"), ("store_2.json", "[]")));
        var second = await UploadAndProcessAsync("uploads/d2.zip", Zips.Of(("store_3.json", "[]")));

        Assert.Equal(UploadOutcome.Started, second.Status);
        Assert.Equal(["processed/d2/store_3.json"], await _aws.KeysAsync("processed/d2/"));
        Assert.Equal(2, (await _aws.ExecutionsAsync()).Count);
    }

    public static TheoryData<string, byte[], string> HostileZips() => new()
    {
        { "slip", Zips.Of(("store_1.json", "[]"), ("../store_2.json", "[]")), "zip slip" },
        { "absolute", Zips.Of(("/tmp/store_2.json", "[]")), "absolute path" },
        { "corrupt", [0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9], "not a valid zip" },
        { "bomb", Zips.Of(("store_1.json", new byte[16 << 20])), "zip bomb" },
        { "twice", Zips.Of(("a/store_1.json", "[]"), ("b/store_1.json", "[]")), "twice" },
    };

    [Theory]
    [MemberData(nameof(HostileZips))]
    public async Task A_hostile_zip_fails_the_invocation_and_leaves_nothing(string day, byte[] zip, string reason)
    {
        await _aws.S3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = PipelineEmulator.Bucket, Key = $"processed/{day}/store_9.json", ContentBody = "[]" }); // an earlier day's file stays

        var error = await Assert.ThrowsAsync<HandlerException>(() => UploadAndProcessAsync($"uploads/{day}.zip", zip));

        Assert.Equal("BatchKit.ArchiveRejected", error.ErrorType);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains($"Nothing was written to processed/{day}/", error.Message, StringComparison.Ordinal);
        Assert.Equal([$"processed/{day}/store_9.json"], await _aws.KeysAsync($"processed/{day}/"));
        Assert.Empty(await _aws.ExecutionsAsync());
    }

    [Fact]
    public async Task An_entry_found_lying_mid_way_removes_the_files_already_written()
    {
        var zip = Zips.Of(("store_1.json", "[]"u8.ToArray()), ("store_2.json", new byte[60_000]));
        PatchSecondEntry(zip, declared: 100); // store_2.json now claims 100 bytes and a CRC of 60,000 zeros

        var error = await Assert.ThrowsAsync<HandlerException>(() => UploadAndProcessAsync("uploads/liar.zip", zip));
        Assert.Equal("BatchKit.ArchiveRejected", error.ErrorType);
        Assert.Contains("store_2.json", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _aws.KeysAsync("processed/liar/"));
        Assert.Empty(await _aws.ExecutionsAsync());
    }

    private static void PatchSecondEntry(byte[] zip, uint declared)
    {
        foreach (var (signature, offset) in new[] { (new byte[] { 0x50, 0x4b, 0x03, 0x04 }, 22), (new byte[] { 0x50, 0x4b, 0x01, 0x02 }, 24) })
        {
            var first = zip.AsSpan().IndexOf(signature);
            var second = first + 4 + zip.AsSpan(first + 4).IndexOf(signature);
            BitConverter.TryWriteBytes(zip.AsSpan(second + offset, 4), declared);
        }
    }

    [Fact]
    public async Task Keys_outside_uploads_are_ignored_and_a_missing_parameter_is_named()
    {
        var ignored = await UploadAndProcessAsync("processed/x/store_1.json", Zips.Of(("store_1.json", "[]")));
        Assert.Equal(UploadOutcome.Ignored, ignored.Status);

        await _aws.Ssm.DeleteParameterAsync(new DeleteParameterRequest { Name = Contracts.ParameterNames.StepFunctionArn });

        var error = await Assert.ThrowsAsync<HandlerException>(() => UploadAndProcessAsync("uploads/noconfig.zip", Zips.Of(("store_1.json", "[]"))));
        Assert.Equal("BatchKit.Configuration", error.ErrorType);
        Assert.Contains("/config/step_function_arn", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _aws.KeysAsync("processed/noconfig/"));
    }
}
