using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.S3;

/// <summary>S3's error codes and statuses (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).</summary>
internal static class S3Errors
{
    public static ServiceErrorException NoSuchBucket(string bucket) => new("NoSuchBucket", $"The specified bucket does not exist: {bucket}", 404);

    public static ServiceErrorException NoSuchKey(string key) => new("NoSuchKey", $"The specified key does not exist: {key}", 404);

    public static ServiceErrorException NoSuchUpload(string uploadId) => new("NoSuchUpload", $"The specified multipart upload does not exist: {uploadId}", 404);

    public static ServiceErrorException BucketNotEmpty(string bucket) => new("BucketNotEmpty", $"The bucket you tried to delete is not empty: {bucket}", 409);

    public static ServiceErrorException BucketAlreadyOwnedByYou(string bucket) =>
        new("BucketAlreadyOwnedByYou", $"Your previous request to create the named bucket succeeded and you already own it: {bucket}", 409);

    public static ServiceErrorException InvalidBucketName(string bucket, string rule) =>
        new("InvalidBucketName", $"The specified bucket is not valid: {bucket} (a bucket name must be {rule}).", 400);

    public static ServiceErrorException InvalidRange(string range) => new("InvalidRange", $"The requested range is not satisfiable: {range}", 416);

    public static ServiceErrorException InvalidPart(string message) => new("InvalidPart", message, 400);

    public static ServiceErrorException MalformedXml(string message) =>
        new("MalformedXML", $"The XML you provided was not well-formed or did not validate against our published schema: {message}", 400);

    public static ServiceErrorException InvalidArgument(string message) => new("InvalidArgument", message, 400);

    public static ServiceErrorException KeyTooLong(string key) =>
        new("KeyTooLongError", $"Your key is too long: {key.Length} bytes of UTF-8, the limit is 1024.", 400);

    public static ServiceErrorException InvalidPartOrder() =>
        new("InvalidPartOrder", "The list of parts was not in ascending order. The parts list must be specified in order by part number.", 400);

    public static ServiceErrorException EntityTooSmall(int part, long size) =>
        new(
            "EntityTooSmall",
            $"Your proposed upload is smaller than the minimum allowed object size: part {part} has {size} bytes; every part but the last needs at least 5 MB.",
            400);

    public static ServiceErrorException EntityTooLarge(long limit) =>
        new("EntityTooLarge", $"Your proposed upload exceeds the maximum allowed object size ({limit} bytes).", 400);

    /// <summary>An XML body over the limit (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).</summary>
    public static ServiceErrorException MaxMessageLengthExceeded(long limit) =>
        new("MaxMessageLengthExceeded", $"Your request was too big: XML bodies are limited to {limit} bytes.", 400);

    public static ServiceErrorException PreconditionFailed(string condition) =>
        new("PreconditionFailed", $"At least one of the pre-conditions you specified did not hold: {condition}", 412);

    public static ServiceErrorException InvalidPartNumber(int part) =>
        new("InvalidPartNumber", $"The requested partnumber is not satisfiable: part {part}.", 416);

    public static ServiceErrorException NoSuchTagSet(string bucket) => new("NoSuchTagSet", $"The TagSet does not exist: the bucket {bucket} has no tags.", 404);

    public static ServiceErrorException NoSuchCorsConfiguration(string bucket) =>
        new("NoSuchCORSConfiguration", $"The CORS configuration does not exist: the bucket {bucket} has none.", 404);

    public static ServiceErrorException NoSuchLifecycleConfiguration(string bucket) =>
        new("NoSuchLifecycleConfiguration", $"The lifecycle configuration does not exist: the bucket {bucket} has none.", 404);

    public static ServiceErrorException NotImplemented(string what) =>
        new("NotImplemented", $"A header or query you provided implies functionality that BatchKit's S3 emulation does not implement: {what}", 501);
}
