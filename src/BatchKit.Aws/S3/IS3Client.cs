namespace BatchKit.Aws.S3;

/// <summary>The S3 operations BatchKit's short-lived processes need without AWSSDK.S3's client set-up.</summary>
public interface IS3Client
{
    /// <summary>
    /// GetObject: the object's body as a stream (dispose the response). Throws <see cref="AwsServiceException"/> with
    /// S3's error code (<c>NoSuchKey</c>, <c>NoSuchBucket</c>, <c>AccessDenied</c>).
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
    /// </summary>
    Task<GetObjectResponse> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken = default);
}
