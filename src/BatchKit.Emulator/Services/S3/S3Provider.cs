using System.Globalization;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Storage;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// Amazon S3 (REST-XML, path-style and virtual-host-style): one method per operation, named after it, chosen from
/// the HTTP method, the bucket/key and the query as S3 does. https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html
/// </summary>
internal sealed partial class S3Provider(S3Store store, S3EventNotifier notifier, DataDirectory data, EmulatorOptions options)
{
    private readonly PageTokens _continuationTokens = new(options.SecretKey, "s3:ListObjectsV2");

    /// <summary>The operations this emulation implements, by their names in the S3 model.</summary>
    public static IReadOnlyList<string> Operations { get; } =
    [
        "ListBuckets", "CreateBucket", "HeadBucket", "DeleteBucket", "GetBucketLocation", "PutBucketNotificationConfiguration",
        "GetBucketNotificationConfiguration", "ListObjectsV2", "DeleteObjects", "PutObject", "GetObject", "HeadObject", "CopyObject",
        "DeleteObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "AbortMultipartUpload",
        "PutBucketVersioning", "GetBucketVersioning", "PutBucketTagging", "GetBucketTagging", "DeleteBucketTagging", "PutBucketCors", "GetBucketCors",
        "DeleteBucketCors", "PutBucketLifecycleConfiguration", "GetBucketLifecycleConfiguration", "DeleteBucketLifecycle",
    ];

    public Task HandleAsync(HttpContext context, string? bucket, string? key)
    {
        var request = context.Request;
        var query = request.Query;
        var method = request.Method;
        var plain = query.Keys.All(IsSigningParameter); // no sub-resource: a presigned URL's X-Amz-* parameters name none
        if (bucket is null)
        {
            return HttpMethods.IsGet(method) ? ListBucketsAsync(context) : throw S3Errors.NotImplemented($"{method} /");
        }

        if (S3BucketName.Problem(bucket) is { } rule)
        {
            throw S3Errors.InvalidBucketName(bucket, rule);
        }

        if (string.IsNullOrEmpty(key))
        {
            if (Subresource(query) is { } subresource)
            {
                return ConfigurationAsync(context, bucket, subresource);
            }

            return method switch
            {
                _ when HttpMethods.IsPut(method) && plain => CreateBucketAsync(context, bucket),
                _ when HttpMethods.IsHead(method) => HeadBucketAsync(context, bucket),
                _ when HttpMethods.IsDelete(method) && plain => DeleteBucketAsync(context, bucket),
                _ when HttpMethods.IsGet(method) && query.ContainsKey("location") => GetBucketLocationAsync(context, bucket),
                _ when HttpMethods.IsPut(method) && query.ContainsKey("notification") => PutBucketNotificationConfigurationAsync(context, bucket),
                _ when HttpMethods.IsGet(method) && query.ContainsKey("notification") => GetBucketNotificationConfigurationAsync(context, bucket),
                _ when HttpMethods.IsGet(method) && query["list-type"] == "2" => ListObjectsV2Async(context, bucket),
                _ when HttpMethods.IsPost(method) && query.ContainsKey("delete") => DeleteObjectsAsync(context, bucket),
                _ => throw S3Errors.NotImplemented($"{method} /{bucket}?{string.Join('&', query.Keys)}"),
            };
        }

        if (System.Text.Encoding.UTF8.GetByteCount(key) > 1024)
        {
            throw S3Errors.KeyTooLong(key);
        }

        return method switch
        {
            _ when HttpMethods.IsPut(method) && query.ContainsKey("uploadId") => UploadPartAsync(context, bucket, key),
            _ when HttpMethods.IsPut(method) && request.Headers.ContainsKey("x-amz-copy-source") => CopyObjectAsync(context, bucket, key),
            _ when HttpMethods.IsPut(method) && plain => PutObjectAsync(context, bucket, key),
            _ when HttpMethods.IsGet(method) && !query.ContainsKey("uploadId") => GetObjectAsync(context, bucket, key),
            _ when HttpMethods.IsHead(method) => HeadObjectAsync(context, bucket, key),
            _ when HttpMethods.IsDelete(method) && query.ContainsKey("uploadId") => AbortMultipartUploadAsync(context, bucket, key),
            _ when HttpMethods.IsDelete(method) => DeleteObjectAsync(context, bucket, key),
            _ when HttpMethods.IsPost(method) && query.ContainsKey("uploads") => CreateMultipartUploadAsync(context, bucket, key),
            _ when HttpMethods.IsPost(method) && query.ContainsKey("uploadId") => CompleteMultipartUploadAsync(context, bucket, key),
            _ => throw S3Errors.NotImplemented($"{method} /{bucket}/{key}?{string.Join('&', query.Keys)}"),
        };
    }

    private static bool IsSigningParameter(string name) =>
        name.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase) || name == "x-id";

    /// <summary>
    /// Every bucket in one page: the emulator never issues a ListBuckets continuation token, so any token is forged;
    /// max-buckets is checked as S3 checks it (1 to 10,000). https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
    /// </summary>
    public Task ListBucketsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (query.ContainsKey("continuation-token"))
        {
            throw S3Errors.InvalidArgument("The continuation token provided is incorrect");
        }

        if (query.TryGetValue("max-buckets", out var max)
            && (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 10000))
        {
            throw S3Errors.InvalidArgument($"max-buckets must be an integer from 1 to 10000, got '{max}'");
        }

        return S3Xml.WriteAsync(context.Response, S3Xml.E("ListAllMyBucketsResult",
            S3Xml.E("Owner", S3Xml.E("ID", options.AccountId), S3Xml.E("DisplayName", "batchkit")),
            S3Xml.E("Buckets", store.BucketNames.Select(b =>
                S3Xml.E("Bucket", S3Xml.E("Name", b), S3Xml.E("CreationDate", S3Xml.Iso(DateTimeOffset.UnixEpoch)))))));
    }

    public Task CreateBucketAsync(HttpContext context, string bucket)
    {
        if (!store.CreateBucket(bucket))
        {
            throw S3Errors.BucketAlreadyOwnedByYou(bucket);
        }

        context.Response.Headers.Location = "/" + bucket;
        return Task.CompletedTask;
    }

    public Task HeadBucketAsync(HttpContext context, string bucket)
    {
        context.Response.Headers["x-amz-bucket-region"] = options.Region;
        return store.BucketExists(bucket) ? Task.CompletedTask : throw S3Errors.NoSuchBucket(bucket);
    }

    public Task DeleteBucketAsync(HttpContext context, string bucket)
    {
        if (!store.BucketExists(bucket))
        {
            throw S3Errors.NoSuchBucket(bucket);
        }

        store.DeleteBucket(bucket);
        notifier.Remove(bucket);
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    public Task GetBucketLocationAsync(HttpContext context, string bucket) =>
        store.BucketExists(bucket)
            ? S3Xml.WriteAsync(context.Response, S3Xml.E("LocationConstraint", options.Region == "us-east-1" ? null : options.Region))
            : throw S3Errors.NoSuchBucket(bucket);

    /// <summary>https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html</summary>
    public async Task PutBucketNotificationConfigurationAsync(HttpContext context, string bucket)
    {
        if (!store.BucketExists(bucket))
        {
            throw S3Errors.NoSuchBucket(bucket);
        }

        var document = await S3Xml.ReadAsync(context).ConfigureAwait(false);
        notifier.Put(bucket, S3NotificationConfiguration.Parse(document));
    }

    public Task GetBucketNotificationConfigurationAsync(HttpContext context, string bucket) =>
        store.BucketExists(bucket)
            ? S3Xml.WriteAsync(context.Response, notifier.Get(bucket).ToXml())
            : throw S3Errors.NoSuchBucket(bucket);

    /// <summary>Tells the bucket's notification targets that an object was created or removed.</summary>
    private void Notify(HttpContext context, string bucket, string eventName, string key, long size = 0, string eTag = "") =>
        notifier.Notify(bucket, eventName, key, size, eTag, context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1");
}
