using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BatchKit.Emulator.Security;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// Decodes an <c>aws-chunked</c> request body (what the SDKs send with STREAMING-* payload signing, and with
/// trailing checksums): <c>hex-size[;chunk-signature=...]\r\n data \r\n</c> ... <c>0\r\n</c> trailers <c>\r\n</c>.
/// With a <see cref="SigningContext"/> (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]) every chunk's signature is
/// checked as it completes, each chained on the one before from the request's own, and so is the trailer's; a
/// chunk that does not verify ends the request with SignatureDoesNotMatch before anything is committed.
/// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html and sigv4-streaming-trailers.html
/// </summary>
internal sealed class AwsChunkedStream(Stream inner, SigningContext? signing) : Stream
{
    private const string ChunkSignature = "chunk-signature=";
    private const string TrailerSignature = "x-amz-trailer-signature:";
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly IncrementalHash? _chunkHash = signing is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string _previousSignature = signing?.SeedSignature ?? "";
    private string? _expectedSignature;
    private int _start;
    private int _end;
    private long _chunkLeft;
    private bool _done;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (_done || destination.Length == 0)
        {
            return 0;
        }

        if (_chunkLeft == 0 && !await NextChunkAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new ServiceErrorException("IncompleteBody", "The aws-chunked body ended inside a chunk.");
        }

        var n = (int)Math.Min(Math.Min(destination.Length, _end - _start), _chunkLeft);
        _buffer.AsMemory(_start, n).CopyTo(destination);
        _chunkHash?.AppendData(_buffer, _start, n);
        _start += n;
        _chunkLeft -= n;
        if (_chunkLeft == 0)
        {
            await ReadLineAsync(cancellationToken).ConfigureAwait(false); // the CRLF after the data
            VerifyChunk();
        }

        return n;
    }

    /// <summary>Reads a chunk header; false at the last (empty) chunk, after its trailers.</summary>
    private async Task<bool> NextChunkAsync(CancellationToken cancellationToken)
    {
        var header = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        var parts = header.Split(';', 2);
        if (!long.TryParse(parts[0].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _chunkLeft) || _chunkLeft < 0)
        {
            throw new ServiceErrorException("IncompleteBody", $"The aws-chunked body has a malformed chunk header '{Shown(header)}'.");
        }

        _expectedSignature = parts.Length > 1 && parts[1].Trim().StartsWith(ChunkSignature, StringComparison.Ordinal)
            ? parts[1].Trim()[ChunkSignature.Length..]
            : null;
        if (signing is not null && _expectedSignature is null)
        {
            throw Mismatch($"the chunk header '{Shown(header)}' carries no chunk-signature");
        }

        if (_chunkLeft > 0)
        {
            return true;
        }

        VerifyChunk();
        await ReadTrailersAsync(cancellationToken).ConfigureAwait(false);
        _done = true;
        return false;
    }

    private async Task ReadTrailersAsync(CancellationToken cancellationToken)
    {
        var trailers = new StringBuilder();
        string? trailerSignature = null;
        string line;
        while ((line = await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0)
        {
            if (line.StartsWith(TrailerSignature, StringComparison.OrdinalIgnoreCase))
            {
                trailerSignature = line[TrailerSignature.Length..].Trim();
            }
            else
            {
                trailers.Append(line).Append('\n');
            }
        }

        if (signing is not null && trailerSignature is not null)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(trailers.ToString())));
            if (!SigningContext.SameSignature(signing.TrailerSignature(_previousSignature, hash), trailerSignature))
            {
                throw Mismatch("the trailer signature does not verify");
            }
        }
    }

    private void VerifyChunk()
    {
        if (signing is null || _chunkHash is null)
        {
            return;
        }

        var expected = signing.ChunkSignature(_previousSignature, Convert.ToHexStringLower(_chunkHash.GetHashAndReset()));
        if (!SigningContext.SameSignature(expected, _expectedSignature ?? ""))
        {
            throw Mismatch("a chunk's signature does not verify");
        }

        _previousSignature = expected;
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return line.ToString();
            }

            var b = _buffer[_start++];
            if (b == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)b);
            if (line.Length > 8192)
            {
                throw new ServiceErrorException("IncompleteBody", "The aws-chunked body has a chunk header longer than 8 KiB.");
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await inner.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return _end > 0;
    }

    private static ServiceErrorException Mismatch(string why) =>
        new("SignatureDoesNotMatch", $"The request signature we calculated does not match the signature you provided: {why}.", 403);

    private static string Shown(string header) => header.Length > 80 ? header[..80] + "..." : header;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _chunkHash?.Dispose();
        }

        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
