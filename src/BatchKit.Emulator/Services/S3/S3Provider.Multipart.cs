using System.Globalization;
using System.Security.Cryptography;
using BatchKit.Emulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// Multipart upload: parts are kept on disk until Complete concatenates them; the ETag is the MD5 of the parts' MD5s
/// followed by "-N", as S3 computes it. https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html
/// </summary>
internal sealed partial class S3Provider
{
    public Task CreateMultipartUploadAsync(HttpContext context, string bucket, string key)
    {
        if (!store.BucketExists(bucket))
        {
            throw S3Errors.NoSuchBucket(bucket);
        }

        var uploadId = Guid.NewGuid().ToString("N");
        var directory = store.UploadDirectory(bucket, uploadId);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "upload.json"), System.Text.Json.JsonSerializer.Serialize(
            new S3ObjectMetadata(key, "", 0, context.Request.ContentType ?? "binary/octet-stream", DateTimeOffset.UtcNow, UserMetadata(context.Request)),
            S3MetadataJson.Default.S3ObjectMetadata));
        return S3Xml.WriteAsync(context.Response, S3Xml.E("InitiateMultipartUploadResult", S3Xml.E("Bucket", bucket), S3Xml.E("Key", key), S3Xml.E("UploadId", uploadId)));
    }

    public async Task UploadPartAsync(HttpContext context, string bucket, string key)
    {
        var directory = Upload(bucket, context.Request.Query["uploadId"].ToString());
        if (!int.TryParse(context.Request.Query["partNumber"], NumberStyles.None, CultureInfo.InvariantCulture, out var part) || part is < 1 or > 10000)
        {
            throw S3Errors.InvalidArgument("Part number must be an integer between 1 and 10000, inclusive");
        }

        var body = IsAwsChunked(context.Request) ? new AwsChunkedStream(context.Request.Body) : context.Request.Body;
        var temp = Path.Combine(directory, $"part-{part}.tmp-{Guid.NewGuid():N}");
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted).ConfigureAwait(false);
            }
        }

        var etag = Convert.ToHexStringLower(md5.GetHashAndReset());
        File.Move(temp, Path.Combine(directory, $"part-{part:D5}-{etag}"), overwrite: true);
        context.Response.Headers.ETag = $"\"{etag}\"";
    }

    public async Task CompleteMultipartUploadAsync(HttpContext context, string bucket, string key)
    {
        var directory = Upload(bucket, context.Request.Query["uploadId"].ToString());
        var document = await S3Xml.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var requested = document.Root?.Elements().Where(e => e.Name.LocalName == "Part").Select(p => (
            Number: int.Parse(p.Elements().First(e => e.Name.LocalName == "PartNumber").Value, CultureInfo.InvariantCulture),
            ETag: p.Elements().First(e => e.Name.LocalName == "ETag").Value.Trim('"'))).ToList()
            ?? throw S3Errors.MalformedXml("CompleteMultipartUpload needs Part elements");
        var files = Directory.EnumerateFiles(directory, "part-*").Where(f => !f.Contains(".tmp-", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f)[5..10], StringComparer.Ordinal);
        var temp = store.TempPath(bucket);
        using var md5s = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        long size = 0;
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                foreach (var (number, etag) in requested)
                {
                    var name = number.ToString("D5", CultureInfo.InvariantCulture);
                    if (!files.TryGetValue(name, out var partFile) || !partFile.EndsWith("-" + etag, StringComparison.Ordinal))
                    {
                        throw S3Errors.InvalidPart($"One or more of the specified parts could not be found: part {number} with ETag {etag}");
                    }

                    md5s.AppendData(Convert.FromHexString(etag));
                    await using var part = File.OpenRead(partFile);
                    await part.CopyToAsync(output, context.RequestAborted).ConfigureAwait(false);
                    size += part.Length;
                }
            }

            var upload = System.Text.Json.JsonSerializer.Deserialize(
                File.ReadAllText(Path.Combine(directory, "upload.json")), S3MetadataJson.Default.S3ObjectMetadata)!;
            var finalETag = $"\"{Convert.ToHexStringLower(md5s.GetHashAndReset())}-{requested.Count}\"";
            var metadata = store.Commit(bucket, upload with { ETag = finalETag, Size = size, LastModified = DateTimeOffset.UtcNow }, temp);
            Directory.Delete(directory, recursive: true);
            await S3Xml.WriteAsync(context.Response, S3Xml.E("CompleteMultipartUploadResult",
                S3Xml.E("Location", $"/{bucket}/{key}"), S3Xml.E("Bucket", bucket), S3Xml.E("Key", key), S3Xml.E("ETag", metadata.ETag))).ConfigureAwait(false);
            Notify(context, bucket, "ObjectCreated:CompleteMultipartUpload", key, metadata.Size, metadata.ETag);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task AbortMultipartUploadAsync(HttpContext context, string bucket, string key)
    {
        Directory.Delete(Upload(bucket, context.Request.Query["uploadId"].ToString()), recursive: true);
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private string Upload(string bucket, string uploadId)
    {
        if (!store.BucketExists(bucket))
        {
            throw S3Errors.NoSuchBucket(bucket);
        }

        var directory = store.UploadDirectory(bucket, uploadId);
        return Directory.Exists(directory) ? directory : throw S3Errors.NoSuchUpload(uploadId);
    }
}
