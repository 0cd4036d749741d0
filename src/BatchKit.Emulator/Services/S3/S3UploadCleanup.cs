using BatchKit.Emulator.Storage;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// Start-up housekeeping of a bucket's <c>uploads/</c> folder: a write a crash interrupted was never acknowledged, so
/// its temporary files (a PUT's <c>tmp-*</c>, a part's <c>*.tmp-*</c>) are removed, and so is a multipart upload whose
/// CreateMultipartUpload never finished (no <c>upload.json</c>). Multipart uploads that were created keep their parts
/// across a restart, as S3 keeps them until AbortMultipartUpload (or a lifecycle rule) ends them.
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html
/// </summary>
internal static class S3UploadCleanup
{
    public static void Run(string uploads, DataDirectory data)
    {
        if (!Directory.Exists(uploads))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(uploads).Where(IsTemporary).ToList())
        {
            File.Delete(file);
        }

        foreach (var upload in Directory.EnumerateDirectories(uploads).ToList())
        {
            if (!File.Exists(Path.Combine(upload, S3Provider.UploadManifest)))
            {
                Directory.Delete(upload, recursive: true);
                continue;
            }

            foreach (var part in Directory.EnumerateFiles(upload).Where(IsTemporary).ToList())
            {
                File.Delete(part);
            }
        }

        if (data.Durable)
        {
            DurableFile.SyncDirectory(uploads);
        }
    }

    private static bool IsTemporary(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith("tmp-", StringComparison.Ordinal) || name.StartsWith(DurableFile.TempPrefix, StringComparison.Ordinal)
            || name.Contains(".tmp-", StringComparison.Ordinal);
    }
}
