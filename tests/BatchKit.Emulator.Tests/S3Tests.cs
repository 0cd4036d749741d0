using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;

namespace BatchKit.Emulator.Tests;

/// <summary>S3 driven by the real AWSSDK.S3 (its chunked, checksummed uploads included).</summary>
public sealed class S3Tests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly string _bucket = "test-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Put_get_head_copy_and_delete_round_trip_with_metadata_and_etags()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "uploads/day 1 ü.zip", ContentBody = "hello", ContentType = "application/zip", Metadata = { ["origin"] = "test" } });

#pragma warning disable CA5351 // S3 defines a single-part ETag as the MD5 of the bytes; this checks it, it secures nothing.
        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData("hello"u8)) + "\"", put.ETag);
#pragma warning restore CA5351
        using (var get = await s3.GetObjectAsync(_bucket, "uploads/day 1 ü.zip"))
        using (var reader = new StreamReader(get.ResponseStream))
        {
            Assert.Equal("hello", await reader.ReadToEndAsync());
            Assert.Equal("test", get.Metadata["x-amz-meta-origin"]);
            Assert.Equal("application/zip", get.Headers.ContentType);
        }

        var range = await s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = "uploads/day 1 ü.zip", ByteRange = new ByteRange(1, 3) });
        using (var reader = new StreamReader(range.ResponseStream))
        {
            Assert.Equal("ell", await reader.ReadToEndAsync());
        }

        await s3.CopyObjectAsync(_bucket, "uploads/day 1 ü.zip", _bucket, "copy.zip");
        Assert.Equal(5, (await s3.GetObjectMetadataAsync(_bucket, "copy.zip")).ContentLength);

        await s3.DeleteObjectAsync(_bucket, "copy.zip");
        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectMetadataAsync(_bucket, "copy.zip"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var noKey = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(_bucket, "nope"));
        Assert.Equal("NoSuchKey", noKey.ErrorCode);
    }

    [Fact]
    public async Task ListObjectsV2_pages_with_continuation_tokens_and_groups_by_delimiter()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        for (var i = 0; i < 25; i++)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = $"processed/day/store_{1000 + i}.json", ContentBody = "[]" });
        }

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "processed/other/x.json", ContentBody = "[]" });

        var keys = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "processed/day/", MaxKeys = 10, ContinuationToken = token });
            keys.AddRange(page.S3Objects.Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1000, 25).Select(n => $"processed/day/store_{n}.json"), keys);
        var grouped = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "processed/", Delimiter = "/" });
        Assert.Equal(["processed/day/", "processed/other/"], grouped.CommonPrefixes);
        Assert.Null(grouped.S3Objects);
    }

    [Fact]
    public async Task A_large_file_goes_multipart_and_gets_S3s_multipart_etag()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        var data = RandomNumberGenerator.GetBytes(17 * 1024 * 1024);
        using var transfer = new TransferUtility(s3);

        await transfer.UploadAsync(new TransferUtilityUploadRequest { BucketName = _bucket, Key = "big.bin", InputStream = new MemoryStream(data), PartSize = 5 * 1024 * 1024 });

        var head = await s3.GetObjectMetadataAsync(_bucket, "big.bin");
        Assert.EndsWith("-4\"", head.ETag, StringComparison.Ordinal);
        using var get = await s3.GetObjectAsync(_bucket, "big.bin");
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(copy.ToArray()));
    }

    [Fact]
    public async Task A_presigned_GET_url_works_without_any_other_credentials()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "reports/day01/summary.json", ContentBody = "{\"total\":\"58635.56\"}" });

        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = _bucket, Key = "reports/day01/summary.json", Expires = DateTime.UtcNow.AddMinutes(5), Verb = HttpVerb.GET, Protocol = Amazon.S3.Protocol.HTTP });

        Assert.Contains("X-Amz-Signature=", url, StringComparison.Ordinal);
        Assert.Equal("{\"total\":\"58635.56\"}", await emulator.Http.GetStringAsync(new Uri(url)));
    }

    [Fact]
    public async Task Hostile_keys_stay_inside_the_data_directory()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "../../../../tmp/escaped", ContentBody = "x" });
        // AWSSDK.S3 signs "/bucket//etc/passwd" but its HTTP stack sends "/bucket/etc/passwd" (S3 itself refuses that
        // signature); the AWS CLI sends the key as it is.
        var body = Path.Combine(emulator.DataDirectory, "..", $"body-{_bucket}");
        await File.WriteAllTextAsync(body, "y");
        var (exit, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "s3api", "put-object", "--bucket", _bucket, "--key", "/etc/passwd", "--body", body);
        File.Delete(body);
        Assert.True(exit == 0, error);

        Assert.False(File.Exists("/tmp/escaped"));
        Assert.Equal(2, (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket })).KeyCount);
        var everything = Directory.EnumerateFiles(emulator.DataDirectory, "*", SearchOption.AllDirectories).Select(Path.GetFullPath);
        Assert.All(everything, f => Assert.StartsWith(emulator.DataDirectory, f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unsigned_and_malformed_requests_get_S3_error_documents()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);

        var anonymous = await emulator.Http.GetAsync(new Uri(emulator.Host.ServiceUrl, $"/{_bucket}/x"));
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var bad = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutBucketAsync("Bad_Bucket_Name"));
        Assert.Equal("InvalidBucketName", bad.ErrorCode);
        var notEmpty = await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "k", ContentBody = "v" });
        Assert.NotNull(notEmpty.ETag);
        var conflict = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.DeleteBucketAsync(_bucket));
        Assert.Equal("BucketNotEmpty", conflict.ErrorCode);
    }

    [Fact]
    public async Task Objects_survive_a_restart_of_the_emulator()
    {
        var dir = Directory.CreateTempSubdirectory("batchkit-restart-").FullName;
        try
        {
            await using (var first = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = dir }))
            using (var s3 = Client(first))
            {
                await s3.PutBucketAsync("keep");
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = "keep", Key = "a/b.json", ContentBody = "[1]" });
            }

            await using var second = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, DataDirectory = dir });
            using var again = Client(second);
            using var get = await again.GetObjectAsync("keep", "a/b.json");
            Assert.Equal("[1]", await new StreamReader(get.ResponseStream).ReadToEndAsync());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        static AmazonS3Client Client(EmulatorHost host) => new(new Amazon.Runtime.BasicAWSCredentials("test", "test"),
            new AmazonS3Config { ServiceURL = host.ServiceUrl.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
    }
}
