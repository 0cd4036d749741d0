using BatchKit.Aws;

namespace BatchKit.Worker;

/// <summary>S3 refused to give the store file (NoSuchKey, AccessDenied...): the task fails with BatchKit.S3Error.</summary>
internal sealed class S3ReadException(AwsServiceException answer) : Exception($"{answer.ErrorCode}: {answer.Message}", answer);
