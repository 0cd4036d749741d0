using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// One object in one file, so its bytes and its metadata become visible together with one rename: the data, then the
/// metadata as JSON, then the JSON's length (4 bytes, little-endian) and a magic mark. Start-up reads the trailer back
/// and checks that the sizes agree; a file that fails the check is quarantined, not served. The data starts at offset 0,
/// so a ranged read seeks straight to it.
/// </summary>
internal static class S3ObjectFile
{
    private static readonly byte[] Magic = "BKS3OBJ1"u8.ToArray();
    private const int TrailerFixedBytes = 4 + 8;

    /// <summary>Appends the trailer to a finished data file and flushes it to the disk when <paramref name="sync"/>.</summary>
    public static void Seal(string dataFile, S3ObjectMetadata metadata, bool sync)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(metadata, S3MetadataJson.Default.S3ObjectMetadata);
        using var file = new FileStream(dataFile, FileMode.Open, FileAccess.Write, FileShare.None);
        if (file.Length != metadata.Size)
        {
            throw new InvalidDataException($"the data file holds {file.Length} bytes, the metadata says {metadata.Size}");
        }

        file.Seek(0, SeekOrigin.End);
        file.Write(json);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, json.Length);
        file.Write(length);
        file.Write(Magic);
        file.Flush(flushToDisk: sync);
    }

    /// <summary>The metadata of a sealed object file; InvalidDataException when the file is not one or is damaged.</summary>
    public static S3ObjectMetadata ReadMetadata(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        if (file.Length < TrailerFixedBytes)
        {
            throw new InvalidDataException($"{file.Length} bytes is too short for an object file");
        }

        var tail = new byte[TrailerFixedBytes];
        file.Seek(-TrailerFixedBytes, SeekOrigin.End);
        file.ReadExactly(tail);
        if (!tail.AsSpan(4).SequenceEqual(Magic))
        {
            throw new InvalidDataException("no object trailer (an interrupted write, or not an object file)");
        }

        var jsonLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (jsonLength <= 0 || jsonLength > file.Length - TrailerFixedBytes)
        {
            throw new InvalidDataException($"the trailer's metadata length {jsonLength} does not fit the file");
        }

        var json = new byte[jsonLength];
        file.Seek(-TrailerFixedBytes - jsonLength, SeekOrigin.End);
        file.ReadExactly(json);
        var metadata = Deserialize(json);
        var dataBytes = file.Length - TrailerFixedBytes - jsonLength;
        return metadata.Size == dataBytes ? metadata
            : throw new InvalidDataException($"the metadata says {metadata.Size} bytes, the file holds {dataBytes}");
    }

    /// <summary>The object's bytes (the first <paramref name="size"/> of the file), seekable.</summary>
    public static Stream OpenData(string path, long size) =>
        new BoundedReadStream(
            new FileStream(
                path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan),
            size);

    private static S3ObjectMetadata Deserialize(byte[] json)
    {
        try
        {
            var metadata = JsonSerializer.Deserialize(json, S3MetadataJson.Default.S3ObjectMetadata) ?? throw new InvalidDataException("the metadata is null");
            return metadata.Key is null || metadata.ETag is null ? throw new InvalidDataException("the metadata has no key or ETag") : metadata;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the metadata is not JSON: {Encoding.UTF8.GetString(json.AsSpan(0, Math.Min(json.Length, 80)))}…", e);
        }
    }
}
