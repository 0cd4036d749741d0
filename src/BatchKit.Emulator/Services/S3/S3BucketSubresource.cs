namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// A bucket configuration that S3 keeps as one document per bucket, addressed by its sub-resource in the query
/// (<c>?versioning</c>, <c>?tagging</c>, <c>?cors</c>, <c>?lifecycle</c>); stored beside the bucket's objects.
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html
/// </summary>
internal enum S3BucketSubresource
{
    Versioning,
    Tagging,
    Cors,
    Lifecycle,
}
