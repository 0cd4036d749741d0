using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.S3;

/// <summary>S3's error codes and statuses (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).</summary>
internal static class S3Errors
{
    public static ServiceErrorException NoSuchBucket(string bucket) => new("NoSuchBucket", $"The specified bucket does not exist: {bucket}", 404);

    public static ServiceErrorException NoSuchKey(string key) => new("NoSuchKey", $"The specified key does not exist: {key}", 404);

    public static ServiceErrorException NoSuchUpload(string uploadId) => new("NoSuchUpload", $"The specified multipart upload does not exist: {uploadId}", 404);

    public static ServiceErrorException BucketNotEmpty(string bucket) => new("BucketNotEmpty", $"The bucket you tried to delete is not empty: {bucket}", 409);

    public static ServiceErrorException BucketAlreadyOwnedByYou(string bucket) => new("BucketAlreadyOwnedByYou", $"Your previous request to create the named bucket succeeded and you already own it: {bucket}", 409);

    public static ServiceErrorException InvalidBucketName(string bucket) => new("InvalidBucketName", $"The specified bucket is not valid: {bucket}", 400);

    public static ServiceErrorException InvalidRange(string range) => new("InvalidRange", $"The requested range is not satisfiable: {range}", 416);

    public static ServiceErrorException InvalidPart(string message) => new("InvalidPart", message, 400);

    public static ServiceErrorException MalformedXml(string message) => new("MalformedXML", $"The XML you provided was not well-formed or did not validate against our published schema: {message}", 400);

    public static ServiceErrorException InvalidArgument(string message) => new("InvalidArgument", message, 400);

    public static ServiceErrorException KeyTooLong(string key) => new("KeyTooLongError", $"Your key is too long: {key.Length} bytes of UTF-8, the limit is 1024.", 400);

    public static ServiceErrorException NotImplemented(string what) => new("NotImplemented", $"A header or query you provided implies functionality that BatchKit's S3 emulation does not implement: {what}", 501);
}
