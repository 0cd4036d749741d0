using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// Buckets and objects on disk under the data directory, indexed in memory. An object's file name is the SHA-256
/// of its key, so no key (<c>../</c>, absolute paths, unicode) can reach outside the bucket's folder; bytes are
/// streamed to a temporary file and renamed into place, so readers never see half an object and a restart keeps them.
/// </summary>
internal sealed class S3Store
{
    private readonly string _root;
    private readonly ConcurrentDictionary<string, SortedDictionary<string, S3ObjectMetadata>> _buckets = new(StringComparer.Ordinal);

    public S3Store(EmulatorOptions options)
    {
        _root = Path.GetFullPath(Path.Combine(options.DataDirectory, "s3"));
        Directory.CreateDirectory(_root);
        Load();
    }

    public IEnumerable<string> BucketNames => _buckets.Keys.Order(StringComparer.Ordinal);

    public bool BucketExists(string bucket) => _buckets.ContainsKey(bucket);

    public bool CreateBucket(string bucket)
    {
        Directory.CreateDirectory(Path.Combine(BucketDirectory(bucket), "objects"));
        Directory.CreateDirectory(Path.Combine(BucketDirectory(bucket), "uploads"));
        return _buckets.TryAdd(bucket, new SortedDictionary<string, S3ObjectMetadata>(StringComparer.Ordinal));
    }

    public void DeleteBucket(string bucket)
    {
        var index = Index(bucket);
        lock (index)
        {
            if (index.Count > 0)
            {
                throw S3Errors.BucketNotEmpty(bucket);
            }

            _buckets.TryRemove(bucket, out _);
        }

        Directory.Delete(BucketDirectory(bucket), recursive: true);
    }

    public S3ObjectMetadata? Find(string bucket, string key)
    {
        var index = Index(bucket);
        lock (index)
        {
            return index.GetValueOrDefault(key);
        }
    }

    /// <summary>Keys in order, from after <paramref name="startAfter"/>, with the given prefix.</summary>
    public List<S3ObjectMetadata> List(string bucket, string prefix, string? startAfter)
    {
        var index = Index(bucket);
        lock (index)
        {
            return index.Values
                .Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal) && (startAfter is null || string.CompareOrdinal(o.Key, startAfter) > 0))
                .ToList();
        }
    }

    public Stream OpenRead(string bucket, string key) =>
        new FileStream(DataPath(bucket, key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>Streams <paramref name="body"/> into the bucket; the ETag is the MD5 of the bytes, as S3 computes it for single-part uploads.</summary>
    public async Task<S3ObjectMetadata> PutAsync(string bucket, string key, Stream body, string contentType, Dictionary<string, string> userMetadata, CancellationToken cancellationToken)
    {
        Index(bucket);
        var temp = TempPath(bucket);
        try
        {
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            long size = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    md5.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    size += read;
                }
            }

            var etag = "\"" + Convert.ToHexStringLower(md5.GetHashAndReset()) + "\"";
            return Commit(bucket, new S3ObjectMetadata(key, etag, size, contentType, DateTimeOffset.UtcNow, userMetadata), temp);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Moves a finished temp file into place with its metadata (the rename is the commit point).</summary>
    public S3ObjectMetadata Commit(string bucket, S3ObjectMetadata metadata, string tempFile)
    {
        var index = Index(bucket);
        var metaTemp = TempPath(bucket);
        File.WriteAllText(metaTemp, JsonSerializer.Serialize(metadata, S3MetadataJson.Default.S3ObjectMetadata));
        lock (index)
        {
            File.Move(tempFile, DataPath(bucket, metadata.Key), overwrite: true);
            File.Move(metaTemp, MetaPath(bucket, metadata.Key), overwrite: true);
            index[metadata.Key] = metadata;
        }

        return metadata;
    }

    public bool Delete(string bucket, string key)
    {
        var index = Index(bucket);
        lock (index)
        {
            if (!index.Remove(key))
            {
                return false;
            }

            File.Delete(DataPath(bucket, key));
            File.Delete(MetaPath(bucket, key));
            return true;
        }
    }

    public string TempPath(string bucket) => Path.Combine(BucketDirectory(bucket), "uploads", "tmp-" + Guid.NewGuid().ToString("N"));

    public string UploadDirectory(string bucket, string uploadId) =>
        Path.Combine(BucketDirectory(bucket), "uploads", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uploadId))));

    private SortedDictionary<string, S3ObjectMetadata> Index(string bucket) =>
        _buckets.TryGetValue(bucket, out var index) ? index : throw S3Errors.NoSuchBucket(bucket);

    private string BucketDirectory(string bucket) => Path.Combine(_root, bucket);

    private string DataPath(string bucket, string key) => Path.Combine(BucketDirectory(bucket), "objects", Hash(key));

    private string MetaPath(string bucket, string key) => DataPath(bucket, key) + ".meta.json";

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private void Load()
    {
        foreach (var bucketDirectory in Directory.EnumerateDirectories(_root))
        {
            var index = new SortedDictionary<string, S3ObjectMetadata>(StringComparer.Ordinal);
            var objects = Path.Combine(bucketDirectory, "objects");
            if (Directory.Exists(objects))
            {
                foreach (var meta in Directory.EnumerateFiles(objects, "*.meta.json"))
                {
                    if (JsonSerializer.Deserialize(File.ReadAllText(meta), S3MetadataJson.Default.S3ObjectMetadata) is { } m)
                    {
                        index[m.Key] = m;
                    }
                }
            }

            _buckets[Path.GetFileName(bucketDirectory)] = index;
        }
    }
}
