using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// Bucket versioning, tagging, CORS and lifecycle configuration: each stored as put and answered as stored. They
/// configure, nothing more: objects keep one version (GetBucketVersioning answers what was put), lifecycle rules
/// expire nothing and CORS rules do not open the emulator to other sites (see RequestAdmission).
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
/// </summary>
internal sealed partial class S3Provider
{
    /// <summary>The sub-resource a bucket request's query names, or null.</summary>
    private static S3BucketSubresource? Subresource(IQueryCollection query) =>
        query.ContainsKey("versioning") ? S3BucketSubresource.Versioning
        : query.ContainsKey("tagging") ? S3BucketSubresource.Tagging
        : query.ContainsKey("cors") ? S3BucketSubresource.Cors
        : query.ContainsKey("lifecycle") ? S3BucketSubresource.Lifecycle
        : null;

    private Task ConfigurationAsync(HttpContext context, string bucket, S3BucketSubresource subresource)
    {
        var method = context.Request.Method;
        return subresource switch
        {
            S3BucketSubresource.Versioning when HttpMethods.IsPut(method) => PutBucketVersioningAsync(context, bucket),
            S3BucketSubresource.Versioning when HttpMethods.IsGet(method) => GetBucketVersioningAsync(context, bucket),
            S3BucketSubresource.Tagging when HttpMethods.IsPut(method) => PutBucketTaggingAsync(context, bucket),
            S3BucketSubresource.Tagging when HttpMethods.IsGet(method) => GetBucketTaggingAsync(context, bucket),
            S3BucketSubresource.Tagging when HttpMethods.IsDelete(method) => DeleteBucketTaggingAsync(context, bucket),
            S3BucketSubresource.Cors when HttpMethods.IsPut(method) => PutBucketCorsAsync(context, bucket),
            S3BucketSubresource.Cors when HttpMethods.IsGet(method) => GetBucketCorsAsync(context, bucket),
            S3BucketSubresource.Cors when HttpMethods.IsDelete(method) => DeleteBucketCorsAsync(context, bucket),
            S3BucketSubresource.Lifecycle when HttpMethods.IsPut(method) => PutBucketLifecycleConfigurationAsync(context, bucket),
            S3BucketSubresource.Lifecycle when HttpMethods.IsGet(method) => GetBucketLifecycleConfigurationAsync(context, bucket),
            S3BucketSubresource.Lifecycle when HttpMethods.IsDelete(method) => DeleteBucketLifecycleAsync(context, bucket),
            _ => throw S3Errors.NotImplemented($"{method} /{bucket}?{subresource.ToString().ToLowerInvariant()}"),
        };
    }

    public Task PutBucketVersioningAsync(HttpContext context, string bucket) => PutConfigurationAsync(context, bucket, S3BucketSubresource.Versioning);

    /// <summary>A bucket that was never versioned answers an empty VersioningConfiguration (no Status), as S3 does.</summary>
    public Task GetBucketVersioningAsync(HttpContext context, string bucket) =>
        S3Xml.WriteAsync(context.Response, store.GetConfiguration(bucket, S3BucketSubresource.Versioning) ?? S3Xml.E("VersioningConfiguration"));

    public Task PutBucketTaggingAsync(HttpContext context, string bucket) => PutConfigurationAsync(context, bucket, S3BucketSubresource.Tagging, 204);

    public Task GetBucketTaggingAsync(HttpContext context, string bucket) =>
        GetConfigurationAsync(context, bucket, S3BucketSubresource.Tagging, () => S3Errors.NoSuchTagSet(bucket));

    public Task DeleteBucketTaggingAsync(HttpContext context, string bucket) => DeleteConfigurationAsync(context, bucket, S3BucketSubresource.Tagging);

    public Task PutBucketCorsAsync(HttpContext context, string bucket) => PutConfigurationAsync(context, bucket, S3BucketSubresource.Cors);

    public Task GetBucketCorsAsync(HttpContext context, string bucket) =>
        GetConfigurationAsync(context, bucket, S3BucketSubresource.Cors, () => S3Errors.NoSuchCorsConfiguration(bucket));

    public Task DeleteBucketCorsAsync(HttpContext context, string bucket) => DeleteConfigurationAsync(context, bucket, S3BucketSubresource.Cors);

    public Task PutBucketLifecycleConfigurationAsync(HttpContext context, string bucket) =>
        PutConfigurationAsync(context, bucket, S3BucketSubresource.Lifecycle);

    public Task GetBucketLifecycleConfigurationAsync(HttpContext context, string bucket) =>
        GetConfigurationAsync(context, bucket, S3BucketSubresource.Lifecycle, () => S3Errors.NoSuchLifecycleConfiguration(bucket));

    public Task DeleteBucketLifecycleAsync(HttpContext context, string bucket) => DeleteConfigurationAsync(context, bucket, S3BucketSubresource.Lifecycle);

    private async Task PutConfigurationAsync(HttpContext context, string bucket, S3BucketSubresource subresource, int status = 200)
    {
        if (!store.BucketExists(bucket))
        {
            throw S3Errors.NoSuchBucket(bucket);
        }

        var document = await S3Xml.ReadAsync(context).ConfigureAwait(false);
        store.PutConfiguration(bucket, subresource, S3BucketConfigurationRules.Check(subresource, document));
        context.Response.StatusCode = status;
    }

    private Task GetConfigurationAsync(
        HttpContext context, string bucket, S3BucketSubresource subresource, Func<Protocol.ServiceErrorException> missing) =>
        S3Xml.WriteAsync(context.Response, store.GetConfiguration(bucket, subresource) ?? throw missing());

    /// <summary>Deleting a configuration the bucket does not have succeeds too (204), as S3's does.</summary>
    private Task DeleteConfigurationAsync(HttpContext context, string bucket, S3BucketSubresource subresource)
    {
        store.DeleteConfiguration(bucket, subresource);
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }
}
