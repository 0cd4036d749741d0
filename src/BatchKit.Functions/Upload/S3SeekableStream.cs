using Amazon.S3;
using Amazon.S3.Model;

namespace BatchKit.Functions.Upload;

/// <summary>
/// An S3 object read as a seekable stream through ranged GETs of <see cref="ChunkSize"/> bytes, one chunk held at a
/// time. A zip's directory is at its end, so unzipping needs to seek; this reads only what the unzip touches and
/// never holds the object whole (Lambda has 128–512 MB, a day's zip can be larger). Every range asks for the ETag
/// the event named, so an object replaced mid-read fails loudly instead of mixing two uploads.
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html#API_GetObject_RequestSyntax
/// </summary>
internal sealed class S3SeekableStream(IAmazonS3 s3, string bucket, string key, long length, string? eTag) : Stream
{
    public const int ChunkSize = 4 << 20;
    private byte[]? _chunk;
    private long _chunkStart = -1;
    private int _chunkLength;
    private long _position;

    /// <summary>Ranged GETs made so far (a benchmark and test figure).</summary>
    public int Requests { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        // As FileStream does: ZipArchive looks for the end-of-directory record before the start of a too-short file.
        set => _position = value is >= 0 ? value : throw new IOException("An attempt was made to move the position before the beginning of the stream.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    // ZipArchive reads its central directory synchronously; a console Lambda has no synchronization context to block.
    public override int Read(Span<byte> buffer)
    {
        if (!Buffered())
        {
            FillAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        return CopyOut(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!Buffered())
        {
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }

        return CopyOut(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private bool Buffered() => _position >= length || (_chunkStart >= 0 && _position >= _chunkStart && _position < _chunkStart + _chunkLength);

    private int CopyOut(Span<byte> buffer)
    {
        if (_position >= length)
        {
            return 0;
        }

        var offset = (int)(_position - _chunkStart);
        var n = Math.Min(buffer.Length, _chunkLength - offset);
        _chunk.AsSpan(offset, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        var start = _position;
        var end = Math.Min(start + ChunkSize, length) - 1;
        var request = new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new ByteRange(start, end) };
        if (!string.IsNullOrEmpty(eTag))
        {
            request.EtagToMatch = eTag;
        }

        Requests++;
        using var response = await s3.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
        _chunk ??= new byte[ChunkSize];
        var wanted = (int)(end - start + 1);
        var read = 0;
        while (read < wanted)
        {
            var n = await response.ResponseStream.ReadAsync(_chunk.AsMemory(read, wanted - read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new IOException($"s3://{bucket}/{key} ended at byte {start + read:N0} of {length:N0}: the object changed or the read was cut");
            }

            read += n;
        }

        _chunkStart = start;
        _chunkLength = read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
