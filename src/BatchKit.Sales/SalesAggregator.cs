using System.Buffers;

namespace BatchKit.Sales;

/// <summary>
/// Aggregates one store file (a JSON array of Online Retail rows) from a stream, exactly, in constant memory:
/// the bytes pass through a pooled buffer and a <see cref="System.Text.Json.Utf8JsonReader"/>; rows are never
/// materialised as objects.
/// </summary>
public static class SalesAggregator
{
    private const int InitialBufferSize = 64 * 1024;

    /// <summary>A single JSON token larger than this (a 16 MiB description, say) is refused rather than buffered.</summary>
    private const int MaxBufferSize = 16 * 1024 * 1024;

    public static async Task<StoreSummary> AggregateAsync(
        Stream utf8Json, SalesAggregatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        var parser = new StoreFileParser(options ?? SalesAggregatorOptions.Default);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    buffer = Grow(buffer);
                }

                var read = await utf8Json.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                filled += read;
                var isFinalBlock = read == 0;
                var consumed = parser.Process(buffer.AsSpan(0, filled), isFinalBlock);
                if (isFinalBlock)
                {
                    return parser.Complete();
                }

                // Keep the partial token at the front of the buffer for the next block.
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer)
    {
        if (buffer.Length >= MaxBufferSize)
        {
            throw new SalesDataException(new RowError(0, RowErrorKind.MalformedJson, null,
                $"a single JSON value is larger than {MaxBufferSize / (1024 * 1024)} MiB; refusing to buffer it"));
        }

        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.CopyTo(bigger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
