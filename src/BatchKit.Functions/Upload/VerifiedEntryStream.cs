namespace BatchKit.Functions.Upload;

/// <summary>
/// An entry's decompressed bytes, held to what its zip records declare: exactly the declared length (a bomb that lies
/// about its size is cut there by .NET, which would leave a silently truncated file) and the declared CRC-32, checked
/// as the last byte is read, so a lying or corrupt entry fails before its upload completes. The known length also
/// lets S3 take the entry as one streamed PUT.
/// </summary>
internal sealed class VerifiedEntryStream(Stream inner, long declaredLength, uint declaredCrc32, string entryName) : Stream
{
    private long _read;
    private uint _crc = 0xFFFFFFFF;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => declaredLength;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        return Verify(buffer[..n], buffer.Length);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Verify(buffer.Span[..n], buffer.Length);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Verify(ReadOnlySpan<byte> data, int requested)
    {
        _read += data.Length;
        _crc = Crc32.Append(_crc, data);
        if (_read > declaredLength)
        {
            throw new ArchiveRejectedException($"entry '{entryName}' unpacks to more than the {declaredLength:N0} bytes it declares: a zip bomb");
        }

        if (data.Length == 0 && requested > 0 && _read < declaredLength)
        {
            throw new ArchiveRejectedException($"entry '{entryName}' ends after {_read:N0} of the {declaredLength:N0} bytes it declares: the zip is corrupt");
        }

        if (_read == declaredLength && (data.Length > 0 || declaredLength == 0) && ~_crc != declaredCrc32)
        {
            throw new ArchiveRejectedException(
                $"entry '{entryName}' does not match its CRC-32 (declared {declaredCrc32:x8}, read {~_crc:x8}): the zip is corrupt or lies about the "
                + "entry's size");
        }

        return data.Length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
