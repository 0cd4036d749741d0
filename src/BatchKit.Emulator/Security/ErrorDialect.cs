namespace BatchKit.Emulator.Security;

/// <summary>
/// Whose words a security refusal uses: S3 has its own codes (SignatureDoesNotMatch, AccessDenied,
/// RequestTimeTooSkewed); the JSON services share the common ones (InvalidSignatureException,
/// IncompleteSignatureException, MissingAuthenticationTokenException). https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
/// and https://docs.aws.amazon.com/general/latest/gr/api-retries.html#common-errors
/// </summary>
internal enum ErrorDialect
{
    S3,
    Json,
}
