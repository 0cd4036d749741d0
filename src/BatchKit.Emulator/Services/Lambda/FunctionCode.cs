using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Services.S3;

namespace BatchKit.Emulator.Services.Lambda;

/// <summary>
/// Turns CreateFunction's <c>Code</c> into a directory holding <c>bootstrap</c>: a deployment package given inline
/// (<c>ZipFile</c>) or in S3 is unpacked under the data directory; LocalStack's <c>hot-reload</c> bucket names a
/// local directory that is used in place (no copy, rebuilds show up at the next cold start), so one deploy step
/// serves both local stacks. https://docs.localstack.cloud/user-guide/lambda/hot-reloading/
/// </summary>
internal sealed class FunctionCode(S3Store s3, EmulatorOptions options)
{
    /// <summary>The bucket names that mean "the key is a local directory" (LocalStack's current and former names).</summary>
    public static readonly string[] HotReloadBuckets = ["hot-reload", "__local__"];

    public sealed record Unpacked(string Directory, long Size, string Sha256);

    public Unpacked Materialize(string functionName, JsonObject code)
    {
        if (code["ZipFile"]?.GetValue<string>() is { } zipBase64)
        {
            byte[] zip;
            try
            {
                zip = Convert.FromBase64String(zipBase64);
            }
            catch (FormatException)
            {
                throw LambdaErrors.InvalidParameterValue("Code.ZipFile is not valid base64.");
            }

            using var stream = new MemoryStream(zip);
            return Unpack(functionName, stream, zip.LongLength);
        }

        var bucket = code["S3Bucket"]?.GetValue<string>();
        var key = code["S3Key"]?.GetValue<string>();
        if (bucket is null || key is null)
        {
            throw LambdaErrors.InvalidParameterValue(code["ImageUri"] is not null
                ? "Container-image functions are not supported by BatchKit's emulator: deploy a zip with a bootstrap (provided.al2023)."
                : "Code must have ZipFile, or S3Bucket and S3Key.");
        }

        if (HotReloadBuckets.Contains(bucket, StringComparer.Ordinal))
        {
            var directory = AllowedHotReload(key);
            if (!File.Exists(Path.Combine(directory, "bootstrap")))
            {
                throw LambdaErrors.InvalidParameterValue($"Code.S3Key '{key}' (bucket {bucket}: a local directory) has no 'bootstrap' file.");
            }

            return new Unpacked(directory, 0, Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(directory))));
        }

        var metadata = s3.Find(bucket, key) ?? throw LambdaErrors.InvalidParameterValue(
            $"Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist. (s3://{bucket}/{key})");
        using var object_ = s3.OpenRead(bucket, metadata);
        return Unpack(functionName, object_, metadata.Size);
    }

    /// <summary>
    /// A hot-reload directory runs whatever is in it, so only directories the emulator was started with
    /// (<c>--allow-hot-reload DIR</c>) and those below them are taken; any other is refused before it is looked at.
    /// </summary>
    private string AllowedHotReload(string key)
    {
        var directory = Path.GetFullPath(key);
        var resolved = new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? directory;
        var allowed = options.HotReloadDirectories.Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d)));
        if (!allowed.Any(a => Under(directory, a) && Under(resolved, a)))
        {
            throw LambdaErrors.InvalidParameterValue(
                $"Hot reload from '{directory}' is not allowed: start the emulator with --allow-hot-reload {directory} (or a directory above it).");
        }

        return directory;
    }

    private static bool Under(string path, string root) =>
        string.Equals(Path.TrimEndingDirectorySeparator(path), root, StringComparison.Ordinal)
        || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private Unpacked Unpack(string functionName, Stream zip, long size)
    {
        var sha = Convert.ToBase64String(SHA256.HashData(zip));
        zip.Position = 0;
        var target = Path.GetFullPath(Path.Combine(options.DataDirectory, "lambda", functionName, Convert.ToHexString(Convert.FromBase64String(sha))[..16]));
        var staging = target + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            Directory.CreateDirectory(staging);
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Read))
            {
                FunctionPackage.Extract(archive, staging);
            }

            var bootstrap = Path.Combine(staging, "bootstrap");
            if (!File.Exists(bootstrap))
            {
                throw LambdaErrors.InvalidParameterValue("The deployment package has no 'bootstrap' at its root, which an OS-only runtime needs.");
            }

            if (!OperatingSystem.IsWindows())
            {
                var executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
                File.SetUnixFileMode(bootstrap, File.GetUnixFileMode(bootstrap) | executable);
            }

            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(staging, target);
            return new Unpacked(target, size, sha);
        }
        catch (InvalidDataException e)
        {
            throw LambdaErrors.InvalidParameterValue($"Could not unzip uploaded file. Please check your file, then try to upload again. ({e.Message})");
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
