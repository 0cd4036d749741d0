using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Services.S3;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace BatchKit.Emulator.Viewer.Api;

/// <summary>
/// S3 as the console's bucket browser shows it: buckets, one folder level at a time (Delimiter "/"), objects with size
/// and ETag, a download, and a preview of JSON (pretty-printed) or text, cut at 256 KiB.
/// </summary>
internal sealed class S3Readout(S3Store store)
{
    private const int PreviewBytes = 256 * 1024;

    public JsonObject Buckets() => new()
    {
        ["items"] = new JsonArray([.. store.BucketNames.Select(b => (JsonNode)new JsonObject { ["name"] = b, ["objects"] = SafeList(b, "").Count })]),
    };

    /// <summary><c>?bucket=&amp;prefix=processed/&amp;offset=&amp;limit=</c>: the folders and objects directly under the prefix.</summary>
    public JsonObject Objects(IQueryCollection query)
    {
        var bucket = Bucket(query);
        var prefix = query["prefix"].ToString();
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        var objects = new List<S3ObjectMetadata>();
        foreach (var o in store.List(bucket, prefix, null))
        {
            var slash = o.Key.IndexOf('/', prefix.Length);
            if (slash >= 0)
            {
                folders.Add(o.Key[..(slash + 1)]);
            }
            else
            {
                objects.Add(o);
            }
        }

        var page = ViewerJson.Page(objects, ViewerJson.Paging(query, 100), o => new JsonObject
        {
            ["key"] = o.Key,
            ["size"] = o.Size,
            ["eTag"] = o.ETag,
            ["contentType"] = o.ContentType,
            ["lastModified"] = ViewerJson.Time(o.LastModified),
        });
        page["bucket"] = bucket;
        page["prefix"] = prefix;
        page["folders"] = new JsonArray([.. folders.Select(f => (JsonNode)f)]);
        return page;
    }

    /// <summary>The object's bytes as a download (attachment), streamed from disk.</summary>
    public async Task DownloadAsync(HttpContext context)
    {
        var (bucket, key, metadata) = Object(context.Request.Query);
        var response = context.Response;
        response.ContentType = "application/octet-stream";
        response.ContentLength = metadata.Size;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = Path.GetFileName(key) }.ToString();
        response.Headers.ETag = metadata.ETag;
        await using var body = store.OpenRead(bucket, metadata);
        await body.CopyToAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The first 256 KiB: <c>{kind: json|text|binary, text, truncated, size}</c>.</summary>
    public async Task<JsonObject> PreviewAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var (bucket, key, metadata) = Object(query);
        var buffer = new byte[(int)Math.Min(metadata.Size, PreviewBytes)];
        await using (var body = store.OpenRead(bucket, metadata))
        {
            await body.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        var truncated = metadata.Size > PreviewBytes;
        var json = new JsonObject { ["bucket"] = bucket, ["key"] = key, ["size"] = metadata.Size, ["eTag"] = metadata.ETag, ["truncated"] = truncated };
        if (Array.IndexOf(buffer, (byte)0) >= 0)
        {
            json["kind"] = "binary";
            return json;
        }

        var text = Encoding.UTF8.GetString(buffer);
        var parsed = truncated ? null : ViewerJson.ParseOrNull(text);
        json["kind"] = parsed is null ? "text" : "json";
        json["text"] = parsed is null ? text : parsed.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        return json;
    }

    private string Bucket(IQueryCollection query)
    {
        var bucket = ViewerJson.Required(query, "bucket");
        return store.BucketExists(bucket) ? bucket : throw new ServiceErrorException("NotFound", $"No bucket {bucket} in this emulator.", 404);
    }

    private (string Bucket, string Key, S3ObjectMetadata Metadata) Object(IQueryCollection query)
    {
        var bucket = Bucket(query);
        var key = ViewerJson.Required(query, "key");
        var metadata = store.Find(bucket, key) ?? throw new ServiceErrorException("NotFound", $"No object s3://{bucket}/{key}.", 404);
        return (bucket, key, metadata);
    }

    private List<S3ObjectMetadata> SafeList(string bucket, string prefix) => store.BucketExists(bucket) ? store.List(bucket, prefix, null) : [];
}
