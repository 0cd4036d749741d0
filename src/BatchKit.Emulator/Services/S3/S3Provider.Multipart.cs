using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using BatchKit.Emulator.Storage;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// Multipart upload: parts are kept on disk until Complete concatenates them; the ETag is the MD5 of the parts' MD5s
/// followed by "-N", as S3 computes it. Uploading a part number again replaces it; Complete needs its parts in
/// ascending order, each but the last at least 5 MB. https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html
/// </summary>
internal sealed partial class S3Provider
{
    /// <summary>Every part but the last must be at least this big (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html).</summary>
    public const long MinPartBytes = 5L << 20;

    /// <summary>The file in an upload's folder that records its key and settings; an upload without it never finished starting.</summary>
    public const string UploadManifest = "upload.json";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> _partLocks = new(StringComparer.Ordinal);

    public Task CreateMultipartUploadAsync(HttpContext context, string bucket, string key)
    {
        if (!store.BucketExists(bucket))
        {
            throw S3Errors.NoSuchBucket(bucket);
        }

        var uploadId = Guid.NewGuid().ToString("N");
        var directory = store.UploadDirectory(bucket, uploadId);
        Directory.CreateDirectory(directory);
        DurableFile.WriteAtomic(Path.Combine(directory, UploadManifest), System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            new S3ObjectMetadata(key, "", 0, context.Request.ContentType ?? "binary/octet-stream", DateTimeOffset.UtcNow, UserMetadata(context.Request)),
            S3MetadataJson.Default.S3ObjectMetadata), data.Durable);
        var result = S3Xml.E("InitiateMultipartUploadResult", S3Xml.E("Bucket", bucket), S3Xml.E("Key", key), S3Xml.E("UploadId", uploadId));
        return S3Xml.WriteAsync(context.Response, result);
    }

    public async Task UploadPartAsync(HttpContext context, string bucket, string key)
    {
        var directory = Upload(bucket, context.Request.Query["uploadId"].ToString());
        if (!int.TryParse(context.Request.Query["partNumber"], NumberStyles.None, CultureInfo.InvariantCulture, out var part) || part is < 1 or > 10000)
        {
            throw S3Errors.InvalidArgument("Part number must be an integer between 1 and 10000, inclusive");
        }

        await using var body = S3RequestBody.Open(context, MaxUploadBytes, S3Errors.EntityTooLarge);
        var temp = Path.Combine(directory, $"part-{part}.tmp-{Guid.NewGuid():N}");
#pragma warning disable CA5351 // S3 defines a part's ETag as the MD5 of its bytes.
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
                {
                    md5.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted).ConfigureAwait(false);
                }

                file.Flush(flushToDisk: data.Durable); // the part's 200 promises it is kept
            }

            var etag = Convert.ToHexStringLower(md5.GetHashAndReset());
            ReplacePart(directory, part, temp, etag);
            context.Response.Headers.ETag = $"\"{etag}\"";
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task CompleteMultipartUploadAsync(HttpContext context, string bucket, string key)
    {
        var directory = Upload(bucket, context.Request.Query["uploadId"].ToString());
        S3Conditions.CheckWrite(context.Request, store.Find(bucket, key), key);
        var requested = RequestedParts(await S3Xml.ReadAsync(context).ConfigureAwait(false));
        var files = Parts(directory);
        var chosen = new List<(int Number, string ETag, string File)>();
        foreach (var (number, etag) in requested)
        {
            if (!files.TryGetValue(number, out var part) || part.ETag != etag)
            {
                throw S3Errors.InvalidPart($"One or more of the specified parts could not be found: part {number} with ETag {etag}");
            }

            chosen.Add((number, etag, part.File));
        }

        var small = chosen.SkipLast(1).FirstOrDefault(p => new FileInfo(p.File).Length < MinPartBytes);
        if (small.File is not null)
        {
            throw S3Errors.EntityTooSmall(small.Number, new FileInfo(small.File).Length);
        }

        var metadata = await AssembleAsync(context, bucket, directory, chosen).ConfigureAwait(false);
        Directory.Delete(directory, recursive: true);
        _partLocks.TryRemove(directory, out _);
        await S3Xml.WriteAsync(context.Response, S3Xml.E("CompleteMultipartUploadResult",
            S3Xml.E("Location", $"/{bucket}/{key}"), S3Xml.E("Bucket", bucket), S3Xml.E("Key", key), S3Xml.E("ETag", metadata.ETag))).ConfigureAwait(false);
        Notify(context, bucket, "ObjectCreated:CompleteMultipartUpload", key, metadata.Size, metadata.ETag);
    }

    public Task AbortMultipartUploadAsync(HttpContext context, string bucket, string key)
    {
        var directory = Upload(bucket, context.Request.Query["uploadId"].ToString());
        Directory.Delete(directory, recursive: true);
        _partLocks.TryRemove(directory, out _);
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private async Task<S3ObjectMetadata> AssembleAsync(HttpContext context, string bucket, string directory, List<(int Number, string ETag, string File)> parts)
    {
        var temp = store.TempPath(bucket);
#pragma warning disable CA5351 // S3's multipart ETag is the MD5 of the parts' MD5s.
        using var md5s = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        long size = 0;
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                foreach (var (_, etag, file) in parts)
                {
                    md5s.AppendData(Convert.FromHexString(etag));
                    await using var part = File.OpenRead(file);
                    await part.CopyToAsync(output, context.RequestAborted).ConfigureAwait(false);
                    size += part.Length;
                }
            }

            var upload = System.Text.Json.JsonSerializer.Deserialize(
                File.ReadAllText(Path.Combine(directory, UploadManifest)), S3MetadataJson.Default.S3ObjectMetadata)!;
            var finalETag = $"\"{Convert.ToHexStringLower(md5s.GetHashAndReset())}-{parts.Count}\"";
            return store.Commit(bucket, upload with { ETag = finalETag, Size = size, LastModified = DateTimeOffset.UtcNow }, temp,
                existing => S3Conditions.CheckWrite(context.Request, existing, upload.Key));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The Part elements, or MalformedXML when there are none or one is unreadable; InvalidPartOrder when not ascending.</summary>
    private static List<(int Number, string ETag)> RequestedParts(XDocument document)
    {
        var parts = new List<(int Number, string ETag)>();
        foreach (var part in document.Root!.Elements().Where(e => e.Name.LocalName == "Part"))
        {
            var number = part.Elements().FirstOrDefault(e => e.Name.LocalName == "PartNumber")?.Value;
            var etag = part.Elements().FirstOrDefault(e => e.Name.LocalName == "ETag")?.Value;
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 10000 || etag is null)
            {
                throw S3Errors.MalformedXml("every Part needs a PartNumber from 1 to 10000 and an ETag");
            }

            parts.Add((n, etag.Trim().Trim('"')));
        }

        if (parts.Count == 0)
        {
            throw S3Errors.MalformedXml("CompleteMultipartUpload needs at least one Part");
        }

        return parts.Zip(parts.Skip(1)).Any(p => p.Second.Number <= p.First.Number) ? throw S3Errors.InvalidPartOrder() : parts;
    }

    /// <summary>Part number → its file and ETag (file names are part-NNNNN-etag).</summary>
    private static Dictionary<int, (string File, string ETag)> Parts(string directory) =>
        Directory.EnumerateFiles(directory, "part-*").Where(f => !f.Contains(".tmp-", StringComparison.Ordinal))
            .Select(f => (File: f, Name: Path.GetFileName(f)))
            .ToDictionary(p => int.Parse(p.Name[5..10], CultureInfo.InvariantCulture), p => (p.File, p.Name[11..]));

    /// <summary>A part uploaded again replaces the earlier one (S3 keeps the last), whatever its ETag was.</summary>
    private void ReplacePart(string directory, int part, string temp, string etag)
    {
        var prefix = $"part-{part:D5}-";
        lock (_partLocks.GetOrAdd(directory, _ => new object()))
        {
            foreach (var old in Directory.EnumerateFiles(directory, prefix + "*").Where(f => !f.Contains(".tmp-", StringComparison.Ordinal)))
            {
                File.Delete(old);
            }

            File.Move(temp, Path.Combine(directory, prefix + etag), overwrite: true);
        }

        if (data.Durable)
        {
            DurableFile.SyncDirectory(directory);
        }
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
