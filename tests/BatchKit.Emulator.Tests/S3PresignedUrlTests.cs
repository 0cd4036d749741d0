using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace BatchKit.Emulator.Tests;

/// <summary>
/// Presigned URLs (query-string SigV4, UNSIGNED-PAYLOAD) made by the real AWSSDK.S3 and by `aws s3 presign`, used by a
/// plain HttpClient as a browser or curl would: GET and PUT work, a changed URL is SignatureDoesNotMatch, a used-up
/// URL is AccessDenied "Request has expired", X-Amz-Expires over a week is refused.
/// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
/// </summary>
public sealed class S3PresignedUrlTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly string _bucket = "presign-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"aws-s3v4-{Guid.NewGuid():N}.cfg");

    public void Dispose() => File.Delete(_config);

    [Fact]
    public async Task A_presigned_PUT_from_the_SDK_stores_the_bytes_a_presigned_GET_returns()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        var bytes = RandomNumberGenerator.GetBytes(70_000);
        var put = await s3.GetPreSignedURLAsync(Presign("upload.bin", HttpVerb.PUT, TimeSpan.FromMinutes(5)));

        using (var response = await emulator.Http.PutAsync(new Uri(put), new ByteArrayContent(bytes)))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var get = await s3.GetPreSignedURLAsync(Presign("upload.bin", HttpVerb.GET, TimeSpan.FromMinutes(5)));
        Assert.Equal(bytes, await emulator.Http.GetByteArrayAsync(new Uri(get)));
    }

    [Fact]
    public async Task A_presigned_PUT_URL_cannot_be_used_for_another_key_or_method()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        var put = await s3.GetPreSignedURLAsync(Presign("only-this.txt", HttpVerb.PUT, TimeSpan.FromMinutes(5)));

        using var otherKey = await emulator.Http.PutAsync(new Uri(put.Replace("only-this.txt", "other.txt", StringComparison.Ordinal)), new StringContent("x"));
        using var asDelete = await emulator.Http.DeleteAsync(new Uri(put));

        Assert.Equal(HttpStatusCode.Forbidden, otherKey.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await otherKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, asDelete.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await asDelete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket })).S3Objects ?? []);
    }

    [Fact]
    public async Task An_aws_s3_presign_URL_works_until_it_expires_and_not_when_its_signature_is_changed()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "report 1.csv", ContentBody = "a,b\n1,2\n" });
        var url = await CliPresignAsync($"s3://{_bucket}/report 1.csv", "5");

        Assert.Contains("X-Amz-Expires=5&", url, StringComparison.Ordinal);
        Assert.Equal("a,b\n1,2\n", await emulator.Http.GetStringAsync(new Uri(url)));
        var last = url[^1];
        using (var tampered = await emulator.Http.GetAsync(new Uri(url[..^1] + (last == '0' ? '1' : '0'))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
            Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var date = DateTime.ParseExact(Query(url, "X-Amz-Date"), "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        var expiredAt = date.AddSeconds(6.2); // X-Amz-Expires counts whole seconds from X-Amz-Date
        while (DateTime.UtcNow < expiredAt)
        {
            await Task.Delay(100);
        }

        using var expired = await emulator.Http.GetAsync(new Uri(url));
        var text = await expired.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", text, StringComparison.Ordinal);
        Assert.Contains("Request has expired", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X_Amz_Expires_over_a_week_is_refused_as_S3_refuses_it()
    {
        using var s3 = emulator.S3();
        await s3.PutBucketAsync(_bucket);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "k", ContentBody = "v" });
        var week = await CliPresignAsync($"s3://{_bucket}/k", "604800");
        var longer = await CliPresignAsync($"s3://{_bucket}/k", "604801");

        Assert.Equal("v", await emulator.Http.GetStringAsync(new Uri(week)));
        using var refused = await emulator.Http.GetAsync(new Uri(longer));
        var text = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<Code>AuthorizationQueryParametersError</Code>", text, StringComparison.Ordinal);
        Assert.Contains("604800", text, StringComparison.Ordinal);
    }

    private GetPreSignedUrlRequest Presign(string key, HttpVerb verb, TimeSpan lifetime) =>
        new() { BucketName = _bucket, Key = key, Verb = verb, Expires = DateTime.UtcNow.Add(lifetime), Protocol = Amazon.S3.Protocol.HTTP };

    /// <summary>`aws s3 presign`, with SigV4 chosen in its config file (CLI v1 presigns with SigV2 by default in us-east-1).</summary>
    private async Task<string> CliPresignAsync(string s3Uri, string expiresIn)
    {
        await File.WriteAllTextAsync(_config, "[default]\ns3 =\n    signature_version = s3v4\n");
        var (exit, output, error) = await AwsCli.RunAsync(emulator.Host.ServiceUrl, new Dictionary<string, string> { ["AWS_CONFIG_FILE"] = _config },
            "s3", "presign", s3Uri, "--expires-in", expiresIn);
        Assert.True(exit == 0, $"aws s3 presign exited {exit}: {error}");
        return output.Trim();
    }

    private static string Query(string url, string name) =>
        Uri.UnescapeDataString(new Uri(url).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == name)[1]);
}
