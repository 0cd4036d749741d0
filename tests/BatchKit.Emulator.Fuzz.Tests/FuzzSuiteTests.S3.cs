using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using BatchKit.Aws;

namespace BatchKit.Emulator.Fuzz.Tests;

/// <summary>S3's baseline for the suite: the fuzz bucket with its objects, and a fresh multipart upload for each case that needs one.</summary>
public sealed partial class FuzzSuiteTests
{
    private async Task S3Baseline()
    {
        await S3Async(HttpMethod.Put, $"/{S3Cases.Bucket}");
        foreach (var key in new[] { S3Cases.Key, "fuzz-anchor", "fuzz-delete-me" })
        {
            await S3Async(HttpMethod.Put, $"/{S3Cases.Bucket}/{key}", "fuzz"u8.ToArray());
        }
    }

    /// <summary>Puts a fresh upload (with part 1 uploaded) where the case has the placeholders.</summary>
    private async Task<FuzzCase> S3PrepareAsync(FuzzCase c)
    {
        if (c.Input["UploadId"]?.GetValue<string>() != S3Cases.UploadPlaceholder)
        {
            return c;
        }

        var created = await S3Async(HttpMethod.Post, $"/{S3Cases.Bucket}/{S3Cases.Key}?uploads");
        var uploadId = UploadIdPattern().Match(created).Groups[1].Value;
        var etag = await S3PartAsync(uploadId);
        var input = (JsonObject)c.Input.DeepClone();
        input["UploadId"] = uploadId;
        var body = c.RawBody is null ? null : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(c.RawBody).Replace(S3Cases.ETagPlaceholder, etag, StringComparison.Ordinal));
        return c with { Input = input, RawBody = body };
    }

    private async Task<string> S3PartAsync(string uploadId)
    {
        using var request = Signed(HttpMethod.Put, $"/{S3Cases.Bucket}/{S3Cases.Key}?partNumber=1&uploadId={uploadId}", "part one"u8.ToArray());
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.Tag.Trim('"');
    }

    private async Task<string> S3Async(HttpMethod method, string pathAndQuery, byte[]? body = null)
    {
        using var request = Signed(method, pathAndQuery, body);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Conflict, $"{method} {pathAndQuery}: {text}");
        return text;
    }

    private HttpRequestMessage Signed(HttpMethod method, string pathAndQuery, byte[]? body)
    {
        var request = new HttpRequestMessage(method, new Uri(_host.ServiceUrl, pathAndQuery)) { Content = body is null ? null : new ByteArrayContent(body) };
        SigV4Signer.Sign(request, body ?? [], new ImmutableCredentials("fuzz", "test", null), "us-east-1", "s3", DateTime.UtcNow);
        return request;
    }

    [GeneratedRegex("<UploadId>([^<]+)</UploadId>")]
    private static partial Regex UploadIdPattern();
}
