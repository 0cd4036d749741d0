using System.Globalization;
using System.Xml.Linq;
using BatchKit.Emulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Services.S3;

/// <summary>Object operations.</summary>
internal sealed partial class S3Provider
{
    /// <summary>The largest object a single PUT (or one part) may carry (https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html).</summary>
    public const long MaxUploadBytes = 5L << 30;

    public async Task PutObjectAsync(HttpContext context, string bucket, string key)
    {
        var request = context.Request;
        S3Conditions.CheckWrite(request, store.Find(bucket, key), key);
        await using var body = S3RequestBody.Open(context, MaxUploadBytes, S3Errors.EntityTooLarge);
        var metadata = await store.PutAsync(bucket, key, body, request.ContentType ?? "binary/octet-stream", UserMetadata(request), context.RequestAborted,
            existing => S3Conditions.CheckWrite(request, existing, key)).ConfigureAwait(false);
        context.Response.Headers.ETag = metadata.ETag;
        Notify(context, bucket, "ObjectCreated:Put", key, metadata.Size, metadata.ETag);
    }

    public async Task GetObjectAsync(HttpContext context, string bucket, string key)
    {
        var metadata = store.Find(bucket, key) ?? throw S3Errors.NoSuchKey(key);
        var response = context.Response;
        WriteObjectHeaders(response, metadata);
        if (S3Conditions.NotModified(context.Request, metadata))
        {
            response.StatusCode = 304;
            return;
        }

        var range = PartNumber(context.Request) is null ? S3Range.Read(context.Request.Headers.Range.ToString(), metadata.Size) : null;
        var (offset, length) = range ?? (0, metadata.Size);
        if (range is not null)
        {
            response.StatusCode = 206;
            response.Headers.ContentRange = $"bytes {offset}-{offset + length - 1}/{metadata.Size}";
        }

        response.ContentLength = length;
        await using var file = store.OpenRead(bucket, metadata);
        file.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[1 << 16];
        var left = length;
        while (left > 0)
        {
            var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), context.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            await response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted).ConfigureAwait(false);
            left -= read;
        }
    }

    public Task HeadObjectAsync(HttpContext context, string bucket, string key)
    {
        var metadata = store.Find(bucket, key) ?? throw S3Errors.NoSuchKey(key);
        WriteObjectHeaders(context.Response, metadata);
        if (S3Conditions.NotModified(context.Request, metadata))
        {
            context.Response.StatusCode = 304;
            return Task.CompletedTask;
        }

        PartNumber(context.Request);
        context.Response.ContentLength = metadata.Size;
        return Task.CompletedTask;
    }

    /// <summary>
    /// GET/HEAD ?partNumber=N. Objects keep no part boundaries here, so part 1 is the whole object (exact for a
    /// single-part upload) and any other part is not satisfiable.
    /// </summary>
    private static int? PartNumber(HttpRequest request)
    {
        if (!request.Query.TryGetValue("partNumber", out var text))
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var part) || part is < 1 or > 10000)
        {
            throw S3Errors.InvalidArgument("Part number must be an integer between 1 and 10000, inclusive");
        }

        return part == 1 ? part : throw S3Errors.InvalidPartNumber(part);
    }

    public Task DeleteObjectAsync(HttpContext context, string bucket, string key)
    {
        if (store.Delete(bucket, key)) // deleting a missing key succeeds, as in S3 (and notifies nobody)
        {
            Notify(context, bucket, "ObjectRemoved:Delete", key);
        }

        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    /// <summary>https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html: up to 1,000 keys per request.</summary>
    public const int MaxDeleteKeys = 1000;

    public async Task DeleteObjectsAsync(HttpContext context, string bucket)
    {
        if (!store.BucketExists(bucket))
        {
            throw S3Errors.NoSuchBucket(bucket);
        }

        var document = await S3Xml.ReadAsync(context).ConfigureAwait(false);
        var keys = document.Root!.Elements().Where(e => e.Name.LocalName == "Object")
            .Select(o => o.Elements().FirstOrDefault(e => e.Name.LocalName == "Key")?.Value).ToList();
        if (keys.Count == 0 || keys.Any(k => k is null))
        {
            throw S3Errors.MalformedXml("a Delete request needs one or more Object elements, each with a Key");
        }

        if (keys.Count > MaxDeleteKeys)
        {
            throw S3Errors.MalformedXml($"a Delete request names {keys.Count} keys; it may name at most {MaxDeleteKeys}");
        }

        var quiet = document.Root!.Elements().Any(e => e.Name.LocalName == "Quiet" && e.Value == "true");
        foreach (var key in keys)
        {
            store.Delete(bucket, key!);
        }

        var deleted = quiet ? null : keys.Select(k => S3Xml.E("Deleted", S3Xml.E("Key", k)));
        await S3Xml.WriteAsync(context.Response, S3Xml.E("DeleteResult", deleted)).ConfigureAwait(false);
    }

    public async Task CopyObjectAsync(HttpContext context, string bucket, string key)
    {
        var source = Uri.UnescapeDataString(context.Request.Headers["x-amz-copy-source"].ToString().TrimStart('/'));
        var slash = source.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw S3Errors.InvalidArgument($"x-amz-copy-source must be bucket/key, got '{source}'");
        }

        var (sourceBucket, sourceKey) = (source[..slash], source[(slash + 1)..].Split("?versionId=")[0]);
        var metadata = store.Find(sourceBucket, sourceKey) ?? throw S3Errors.NoSuchKey(sourceKey);
        var replace = context.Request.Headers["x-amz-metadata-directive"] == "REPLACE";
        S3ObjectMetadata copy;
        await using (var stream = store.OpenRead(sourceBucket, metadata))
        {
            copy = await store.PutAsync(bucket, key, stream, replace ? context.Request.ContentType ?? metadata.ContentType : metadata.ContentType,
                replace ? UserMetadata(context.Request) : metadata.UserMetadata, context.RequestAborted).ConfigureAwait(false);
        }

        var result = S3Xml.E("CopyObjectResult", S3Xml.E("LastModified", S3Xml.Iso(copy.LastModified)), S3Xml.E("ETag", copy.ETag));
        await S3Xml.WriteAsync(context.Response, result).ConfigureAwait(false);
        Notify(context, bucket, "ObjectCreated:Copy", key, copy.Size, copy.ETag);
    }

    /// <summary>https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html</summary>
    public Task ListObjectsV2Async(HttpContext context, string bucket)
    {
        var query = context.Request.Query;
        var prefix = query["prefix"].ToString();
        var delimiter = query["delimiter"].ToString();
        var maxKeys = MaxKeys(query["max-keys"].ToString());
        var token = query["continuation-token"].ToString();
        var startAfter = query["start-after"].ToString();
        var encoding = query["encoding-type"].ToString();
        if (encoding.Length > 0 && encoding != "url")
        {
            throw S3Errors.InvalidArgument($"Invalid Encoding Method specified in Request: '{encoding}' (only url is supported).");
        }

        var urlEncode = encoding == "url";
        string? after = token.Length > 0 ? DecodeToken(token) : startAfter.Length > 0 ? startAfter : null;

        var (contents, prefixes, last, truncated) = ListPage(bucket, prefix, delimiter, maxKeys, after);

        string Encode(string s) => urlEncode ? Uri.EscapeDataString(s).Replace("%2F", "/", StringComparison.Ordinal) : s;
        return S3Xml.WriteAsync(context.Response, S3Xml.E("ListBucketResult",
            S3Xml.E("Name", bucket),
            S3Xml.E("Prefix", Encode(prefix)),
            delimiter.Length > 0 ? S3Xml.E("Delimiter", Encode(delimiter)) : null,
            S3Xml.E("MaxKeys", maxKeys),
            urlEncode ? S3Xml.E("EncodingType", "url") : null,
            S3Xml.E("KeyCount", contents.Count + prefixes.Count),
            S3Xml.E("IsTruncated", truncated ? "true" : "false"),
            token.Length > 0 ? S3Xml.E("ContinuationToken", token) : null,
            truncated && last is not null ? S3Xml.E("NextContinuationToken", EncodeToken(last)) : null,
            startAfter.Length > 0 ? S3Xml.E("StartAfter", Encode(startAfter)) : null,
            contents.Select(o => S3Xml.E("Contents",
                S3Xml.E("Key", Encode(o.Key)),
                S3Xml.E("LastModified", S3Xml.Iso(o.LastModified)),
                S3Xml.E("ETag", o.ETag),
                S3Xml.E("Size", o.Size),
                S3Xml.E("StorageClass", "STANDARD"))),
            prefixes.Select(p => S3Xml.E("CommonPrefixes", S3Xml.E("Prefix", Encode(p))))));
    }

    /// <summary>
    /// One page of ListObjectsV2: the keys after <paramref name="after"/> under the prefix, keys sharing a common prefix up
    /// to the delimiter rolled up into it, until max-keys entries (objects and common prefixes together) are taken.
    /// </summary>
    private (List<S3ObjectMetadata> Contents, SortedSet<string> Prefixes, string? Last, bool Truncated) ListPage(
        string bucket, string prefix, string delimiter, int maxKeys, string? after)
    {
        var contents = new List<S3ObjectMetadata>();
        var prefixes = new SortedSet<string>(StringComparer.Ordinal);
        string? last = null;
        var truncated = false;
        foreach (var o in store.List(bucket, prefix, after))
        {
            string? commonPrefix = null;
            if (delimiter.Length > 0)
            {
                var cut = o.Key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                commonPrefix = cut >= 0 ? o.Key[..(cut + delimiter.Length)] : null;
            }

            if (commonPrefix is not null && prefixes.Contains(commonPrefix))
            {
                last = o.Key;
                continue;
            }

            if (contents.Count + prefixes.Count == maxKeys)
            {
                truncated = true;
                break;
            }

            if (commonPrefix is not null)
            {
                prefixes.Add(commonPrefix);
            }
            else
            {
                contents.Add(o);
            }

            last = o.Key;
        }
        return (contents, prefixes, last, truncated);
    }

    private string EncodeToken(string key) => _continuationTokens.Issue(key);

    /// <summary>A continuation token is the last key of the previous page, sealed: a forged one is refused, not taken as a key.</summary>
    private string DecodeToken(string token) =>
        _continuationTokens.Read(token) ?? throw S3Errors.InvalidArgument("The continuation token provided is incorrect");

    /// <summary>max-keys: 0 to 2147483647, at most 1,000 returned (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html).</summary>
    private static int MaxKeys(string text) =>
        text.Length == 0 ? 1000
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? Math.Min(m, 1000)
        : throw S3Errors.InvalidArgument($"Provided max-keys not an integer or within integer range: '{text}'");

    private static Dictionary<string, string> UserMetadata(HttpRequest request) =>
        request.Headers.Where(h => h.Key.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key["x-amz-meta-".Length..].ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);

    private static void WriteObjectHeaders(HttpResponse response, S3ObjectMetadata metadata)
    {
        response.Headers.ETag = metadata.ETag;
        response.Headers.LastModified = S3Xml.Http(metadata.LastModified);
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = metadata.ContentType;
        foreach (var (name, value) in metadata.UserMetadata)
        {
            response.Headers["x-amz-meta-" + name] = value;
        }
    }

    /// <summary>Parses "bytes=a-b", "bytes=a-" and "bytes=-n" (https://www.rfc-editor.org/rfc/rfc9110#name-byte-ranges).</summary>
    private static (long Offset, long Length) Range(string header, long size)
    {
        if (string.IsNullOrEmpty(header))
        {
            return (0, size);
        }

        if (!header.StartsWith("bytes=", StringComparison.Ordinal) || header.Contains(',', StringComparison.Ordinal))
        {
            throw S3Errors.InvalidRange(header);
        }

        var parts = header[6..].Split('-');
        long start, end;
        if (parts[0].Length == 0)
        {
            var suffix = long.Parse(parts[1], CultureInfo.InvariantCulture);
            (start, end) = (Math.Max(0, size - suffix), size - 1);
        }
        else
        {
            start = long.Parse(parts[0], CultureInfo.InvariantCulture);
            end = parts[1].Length == 0 ? size - 1 : Math.Min(long.Parse(parts[1], CultureInfo.InvariantCulture), size - 1);
        }

        return start >= size || end < start ? throw S3Errors.InvalidRange(header) : (start, end - start + 1);
    }
}
