using System.Security.Cryptography;
using BatchKit.Emulator.Protocol;
using BatchKit.Emulator.Security;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// An S3 request body as a stream that checks itself while it is read, so nothing is buffered whole: aws-chunked
/// bodies are decoded (and their chunk signatures verified), the size is capped (a declared Content-Length over the
/// limit is refused unread), and at its end the bytes must match the Content-MD5 (BadDigest) and a literal
/// x-amz-content-sha256 (XAmzContentSHA256Mismatch). A failed check throws before the caller commits anything.
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html#API_PutObject_RequestSyntax
/// </summary>
internal sealed class S3RequestBody : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private readonly Func<long, ServiceErrorException> _tooLarge;
    private readonly byte[]? _md5;
    private readonly string? _sha256;
    private readonly IncrementalHash? _md5Hash;
    private readonly IncrementalHash? _sha256Hash;
    private long _read;
    private bool _checked;

    private S3RequestBody(Stream inner, long limit, Func<long, ServiceErrorException> tooLarge, byte[]? md5, string? sha256)
    {
        (_inner, _limit, _tooLarge, _md5, _sha256) = (inner, limit, tooLarge, md5, sha256);
#pragma warning disable CA5351 // Content-MD5 is S3's integrity check of the bytes sent; it secures nothing.
        _md5Hash = md5 is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        _sha256Hash = sha256 is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }

    public static S3RequestBody Open(HttpContext context, long limit, Func<long, ServiceErrorException> tooLarge)
    {
        var request = context.Request;
        var payloadHash = request.Headers["x-amz-content-sha256"].ToString();
        var chunked = payloadHash.StartsWith("STREAMING-", StringComparison.Ordinal)
            || request.Headers.ContentEncoding.ToString().Contains("aws-chunked", StringComparison.Ordinal);
        if (!chunked)
        {
            RequestBody.Limit(request, limit, tooLarge);
        }
        else if (long.TryParse(request.Headers["x-amz-decoded-content-length"], out var decoded) && decoded > limit)
        {
            throw tooLarge(limit);
        }

        var signed = payloadHash.StartsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", StringComparison.Ordinal);
        var body = chunked ? new AwsChunkedStream(request.Body, signed ? context.Features.Get<SigningContext>() : null) : request.Body;
        var literalHash = payloadHash.Length == 64 && payloadHash.All(char.IsAsciiHexDigit) ? payloadHash.ToLowerInvariant() : null;
        return new S3RequestBody(body, limit, tooLarge, ContentMd5(request), literalHash);
    }

    /// <summary>The Content-MD5 header's 16 bytes, or InvalidDigest when it is not base64 of 16 bytes.</summary>
    private static byte[]? ContentMd5(HttpRequest request)
    {
        var header = request.Headers["Content-MD5"].ToString();
        if (header.Length == 0)
        {
            return null;
        }

        var bytes = new byte[16];
        return Convert.TryFromBase64String(header, bytes, out var written) && written == 16
            ? bytes
            : throw new ServiceErrorException("InvalidDigest", $"The Content-MD5 you specified was invalid: '{header}'.", 400);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (n == 0)
        {
            Check();
            return 0;
        }

        _read += n;
        if (_read > _limit)
        {
            throw _tooLarge(_limit);
        }

        _md5Hash?.AppendData(buffer.Span[..n]);
        _sha256Hash?.AppendData(buffer.Span[..n]);
        return n;
    }

    private void Check()
    {
        if (_checked)
        {
            return;
        }

        _checked = true;
        if (_md5Hash is not null && !_md5Hash.GetHashAndReset().AsSpan().SequenceEqual(_md5))
        {
            throw new ServiceErrorException("BadDigest", "The Content-MD5 you specified did not match what we received.", 400);
        }

        if (_sha256Hash is not null && Convert.ToHexStringLower(_sha256Hash.GetHashAndReset()) != _sha256)
        {
            throw new ServiceErrorException("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _md5Hash?.Dispose();
            _sha256Hash?.Dispose();
            if (_inner is AwsChunkedStream chunked)
            {
                chunked.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
