using System.Net;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// Bucket versioning, tagging, CORS and lifecycle configuration through the real AWSSDK.S3 and `aws s3api`: put, get
/// and delete answer as S3 does (NoSuchTagSet, NoSuchCORSConfiguration, NoSuchLifecycleConfiguration, MalformedXML),
/// and what was put survives a restart of the emulator.
/// </summary>
public sealed class S3BucketConfigurationTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly string _bucket = "config-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Versioning_answers_empty_until_put_then_what_was_put()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        Assert.Equal(VersionStatus.Off, (await s3.GetBucketVersioningAsync(_bucket)).VersioningConfig.Status); // the SDK reads no Status as Off

        foreach (var status in new[] { VersionStatus.Enabled, VersionStatus.Suspended })
        {
            var configuration = new S3BucketVersioningConfig { Status = status };
            await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = _bucket, VersioningConfig = configuration });
            Assert.Equal(status, (await s3.GetBucketVersioningAsync(_bucket)).VersioningConfig.Status);
        }
    }

    [Fact]
    public async Task Tags_are_put_read_and_deleted_and_a_bucket_without_them_is_NoSuchTagSet()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        var missing = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = _bucket }));
        Assert.Equal(("NoSuchTagSet", HttpStatusCode.NotFound), (missing.ErrorCode, missing.StatusCode));

        var tagSet = new List<Tag> { new() { Key = "team", Value = "payroll" }, new() { Key = "env", Value = "" } };
        await s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = _bucket, TagSet = tagSet });
        var tags = (await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = _bucket })).TagSet.Select(t => $"{t.Key}={t.Value}").Order();
        Assert.Equal(["env=", "team=payroll"], tags);

        await s3.DeleteBucketTaggingAsync(new DeleteBucketTaggingRequest { BucketName = _bucket });
        var gone = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = _bucket }));
        Assert.Equal("NoSuchTagSet", gone.ErrorCode);
    }

    [Fact]
    public async Task Tags_S3_refuses_are_InvalidTag_and_leave_the_tags_before()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        await s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = _bucket, TagSet = [new Tag { Key = "keep", Value = "1" }] });

        var doubled = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutBucketTaggingAsync(new PutBucketTaggingRequest
        {
            BucketName = _bucket, TagSet = [new Tag { Key = "a", Value = "1" }, new Tag { Key = "a", Value = "2" }],
        }));
        var system = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutBucketTaggingAsync(new PutBucketTaggingRequest
        {
            BucketName = _bucket, TagSet = [new Tag { Key = "aws:cloudformation:stack-name", Value = "x" }],
        }));

        Assert.Equal(("InvalidTag", "InvalidTag"), (doubled.ErrorCode, system.ErrorCode));
        Assert.Contains("same key", doubled.Message, StringComparison.Ordinal);
        Assert.Equal("keep", Assert.Single((await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = _bucket })).TagSet).Key);
    }

    [Fact]
    public async Task CORS_rules_round_trip_and_a_method_S3_does_not_know_is_refused()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        var missing = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetCORSConfigurationAsync(_bucket));
        Assert.Equal(("NoSuchCORSConfiguration", HttpStatusCode.NotFound), (missing.ErrorCode, missing.StatusCode));

        var rule = new CORSRule
        {
            Id = "app", AllowedMethods = ["GET", "PUT"], AllowedOrigins = ["http://localhost:3000"], AllowedHeaders = ["*"], MaxAgeSeconds = 600,
        };
        await s3.PutCORSConfigurationAsync(_bucket, new CORSConfiguration { Rules = [rule] });
        var stored = Assert.Single((await s3.GetCORSConfigurationAsync(_bucket)).Configuration.Rules);
        var read = (stored.Id, stored.MaxAgeSeconds, string.Join(',', stored.AllowedMethods), Assert.Single(stored.AllowedOrigins));
        Assert.Equal(("app", 600, "GET,PUT", "http://localhost:3000"), read);

        var bad = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutCORSConfigurationAsync(_bucket, new CORSConfiguration
        {
            Rules = [new CORSRule { AllowedMethods = ["PATCH"], AllowedOrigins = ["*"] }],
        }));
        Assert.Equal("InvalidRequest", bad.ErrorCode);
        Assert.Contains("Unsupported method is PATCH", bad.Message, StringComparison.Ordinal);

        await s3.DeleteCORSConfigurationAsync(_bucket);
        Assert.Equal("NoSuchCORSConfiguration", (await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetCORSConfigurationAsync(_bucket))).ErrorCode);
    }

    [Fact]
    public async Task Lifecycle_rules_round_trip_through_the_AWS_CLI_and_are_checked_as_S3_checks_them()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        var (code, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "s3api", "get-bucket-lifecycle-configuration", "--bucket", _bucket);
        Assert.Equal(255, code);
        Assert.Contains("NoSuchLifecycleConfiguration", error, StringComparison.Ordinal);

        var rules = """{"Rules":[{"ID":"expire-reports","Filter":{"Prefix":"reports/"},"Status":"Enabled","Expiration":{"Days":30}},"""
            + """{"ID":"uploads","Filter":{"Prefix":""},"Status":"Enabled","AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7}}]}""";
        await CliOkAsync("s3api", "put-bucket-lifecycle-configuration", "--bucket", _bucket, "--lifecycle-configuration", rules);
        var read = JsonNode.Parse(await CliOkAsync("s3api", "get-bucket-lifecycle-configuration", "--bucket", _bucket))!["Rules"]!.AsArray();
        Assert.Equal(["expire-reports", "uploads"], read.Select(r => r!["ID"]!.GetValue<string>()));
        Assert.Equal(30, read[0]!["Expiration"]!["Days"]!.GetValue<int>());
        Assert.Equal("reports/", read[0]!["Filter"]!["Prefix"]!.GetValue<string>());

        var noAction = """{"Rules":[{"ID":"nothing","Filter":{"Prefix":"x/"},"Status":"Enabled"}]}""";
        var (refused, _, why) = await AwsCli.RunAsync(
            emulator.Host.ServiceUrl, "s3api", "put-bucket-lifecycle-configuration", "--bucket", _bucket, "--lifecycle-configuration", noAction);
        Assert.NotEqual(0, refused);
        Assert.Contains("At least one action needs to be specified in a rule", why, StringComparison.Ordinal);

        await CliOkAsync("s3api", "delete-bucket-lifecycle", "--bucket", _bucket);
        var (after, _, afterError) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "s3api", "get-bucket-lifecycle-configuration", "--bucket", _bucket);
        Assert.Equal(255, after);
        Assert.Contains("NoSuchLifecycleConfiguration", afterError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_versioning_status_S3_does_not_know_is_MalformedXML_and_a_missing_bucket_is_NoSuchBucket()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        var (code, _, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, "s3api", "put-bucket-versioning", "--bucket", _bucket,
            "--versioning-configuration", "Status=Sometimes");
        Assert.Equal(255, code);
        Assert.Contains("MalformedXML", error, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetBucketVersioningAsync("no-such-" + _bucket));
        Assert.Equal("NoSuchBucket", missing.ErrorCode);
    }

    private async Task<string> CliOkAsync(params string[] args)
    {
        var (code, output, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, args);
        Assert.True(code == 0, $"aws {string.Join(' ', args)} exited {code}: {error}");
        return output;
    }
}
