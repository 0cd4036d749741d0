using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// Buckets and objects on disk under the data directory, indexed in memory. An object's file name is the SHA-256
/// of its key, so no key (<c>../</c>, absolute paths, unicode) can reach outside the bucket's folder. An object is one
/// file (<see cref="S3ObjectFile"/>: data, then its metadata), streamed to a temporary file, fsynced, renamed into place
/// and its directory fsynced before the caller answers, so readers never see half an object, data and metadata never
/// disagree, and what was acknowledged survives a crash. Start-up quarantines files it cannot read, removes unfinished
/// writes, and moves the sidecar files of earlier versions into the one-file format.
/// </summary>
internal sealed partial class S3Store
{
    private const string LegacySidecar = ".meta.json";
    private readonly string _root;
    private readonly DataDirectory _data;
    private readonly ConcurrentDictionary<string, SortedDictionary<string, S3ObjectMetadata>> _buckets = new(StringComparer.Ordinal);

    public S3Store(DataDirectory data)
    {
        _data = data;
        _root = data.Folder("s3");
        Load();
    }
    public IEnumerable<string> BucketNames => _buckets.Keys.Order(StringComparer.Ordinal);

    public bool BucketExists(string bucket) => _buckets.ContainsKey(bucket);

    public bool CreateBucket(string bucket)
    {
        Directory.CreateDirectory(Path.Combine(BucketDirectory(bucket), "objects"));
        Directory.CreateDirectory(Path.Combine(BucketDirectory(bucket), "uploads"));
        Sync(BucketDirectory(bucket));
        Sync(_root);
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

    /// <summary>The object's bytes as they were when <paramref name="metadata"/> was read (a later PUT renames a new file over the name).</summary>
    public Stream OpenRead(string bucket, S3ObjectMetadata metadata) => S3ObjectFile.OpenData(DataPath(bucket, metadata.Key), metadata.Size);

    /// <summary>Streams <paramref name="body"/> into the bucket; the ETag is the MD5 of the bytes, as S3 computes it for single-part uploads.</summary>
    /// <remarks><paramref name="precondition"/> sees the object the key holds at the commit point and may throw to refuse the write.</remarks>
    public async Task<S3ObjectMetadata> PutAsync(
        string bucket, string key, Stream body, string contentType, Dictionary<string, string> userMetadata, CancellationToken cancellationToken,
        Action<S3ObjectMetadata?>? precondition = null)
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
            return Commit(bucket, new S3ObjectMetadata(key, etag, size, contentType, DateTimeOffset.UtcNow, userMetadata), temp, precondition);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Seals a finished temp file with its metadata and renames it into place (the rename is the commit point); the file
    /// and its directory are on the disk before this returns.
    /// </summary>
    public S3ObjectMetadata Commit(string bucket, S3ObjectMetadata metadata, string tempFile, Action<S3ObjectMetadata?>? precondition = null)
    {
        var index = Index(bucket);
        S3ObjectFile.Seal(tempFile, metadata, _data.Durable);
        lock (index)
        {
            precondition?.Invoke(index.GetValueOrDefault(metadata.Key)); // conditional writes decide under the same lock as the write
            File.Move(tempFile, DataPath(bucket, metadata.Key), overwrite: true);
            index[metadata.Key] = metadata;
        }

        Sync(Path.Combine(BucketDirectory(bucket), "objects"));
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

            DurableFile.Delete(DataPath(bucket, key), _data.Durable);
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

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private void Sync(string directory)
    {
        if (_data.Durable)
        {
            DurableFile.SyncDirectory(directory);
        }
    }

    private void Load()
    {
        foreach (var bucketDirectory in Directory.EnumerateDirectories(_root))
        {
            var index = new SortedDictionary<string, S3ObjectMetadata>(StringComparer.Ordinal);
            var objects = Path.Combine(bucketDirectory, "objects");
            if (Directory.Exists(objects))
            {
                MigrateSidecars(objects);
                foreach (var file in Directory.EnumerateFiles(objects))
                {
                    if (LoadObject(file) is { } metadata)
                    {
                        index[metadata.Key] = metadata;
                    }
                }
            }

            S3UploadCleanup.Run(Path.Combine(bucketDirectory, "uploads"), _data);
            _buckets[Path.GetFileName(bucketDirectory)] = index;
        }
    }

    private S3ObjectMetadata? LoadObject(string file)
    {
        try
        {
            var metadata = S3ObjectFile.ReadMetadata(file);
            return Path.GetFileName(file) == Hash(metadata.Key) ? metadata
                : throw new InvalidDataException($"the key '{metadata.Key}' does not belong to this file name");
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            _data.Quarantine(file, $"unreadable S3 object: {e.Message}");
            return null;
        }
    }

    /// <summary>Earlier versions kept metadata in a <c>.meta.json</c> sidecar: seal it into the data file once.</summary>
    private void MigrateSidecars(string objects)
    {
        foreach (var sidecar in Directory.EnumerateFiles(objects, "*" + LegacySidecar).ToList())
        {
            var dataFile = sidecar[..^LegacySidecar.Length];
            try
            {
                var metadata = JsonSerializer.Deserialize(File.ReadAllText(sidecar), S3MetadataJson.Default.S3ObjectMetadata)
                    ?? throw new InvalidDataException("the sidecar is null");
                S3ObjectFile.Seal(dataFile, metadata, _data.Durable);
                File.Delete(sidecar);
            }
            catch (Exception e) when (e is InvalidDataException or JsonException or IOException)
            {
                _data.Quarantine(sidecar, $"unreadable S3 metadata sidecar: {e.Message}");
            }
        }
    }
}
