using System.Globalization;
using System.Text;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// Decodes an <c>aws-chunked</c> request body (what the SDKs send with STREAMING-* payload signing, and with
/// trailing checksums): <c>hex-size[;chunk-signature=...]\r\n data \r\n</c> ... <c>0\r\n</c> trailers <c>\r\n</c>.
/// Chunk signatures and trailer checksums are not verified (dummy credentials).
/// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
/// </summary>
internal sealed class AwsChunkedStream(Stream inner) : Stream
{
    private readonly byte[] _buffer = new byte[1 << 16];
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

        if (_chunkLeft == 0)
        {
            var header = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var sizeText = header.Split(';')[0].Trim();
            if (!long.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _chunkLeft))
            {
                throw new ServiceErrorException("IncompleteBody", $"The aws-chunked body has a malformed chunk header '{header}'.");
            }

            if (_chunkLeft == 0)
            {
                // Trailers (x-amz-checksum-*), then an empty line.
                while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0)
                {
                }

                _done = true;
                return 0;
            }
        }

        if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new ServiceErrorException("IncompleteBody", "The aws-chunked body ended inside a chunk.");
        }

        var n = (int)Math.Min(Math.Min(destination.Length, _end - _start), _chunkLeft);
        _buffer.AsMemory(_start, n).CopyTo(destination);
        _start += n;
        _chunkLeft -= n;
        if (_chunkLeft == 0)
        {
            await ReadLineAsync(cancellationToken).ConfigureAwait(false); // the CRLF after the data
        }

        return n;
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

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
