using System.IO.Compression;

namespace BatchKit.Emulator.Services.Lambda;

/// <summary>
/// Unpacks a deployment package into a directory the way Lambda accepts one: at most 250 MB unzipped (counted on the
/// bytes actually written, not on what the zip declares), no entry outside the package root, no entry twice (which
/// of two files would run is ambiguous), and symbolic links kept only when they point inside the package (a link to
/// /etc or ~ would hand the function this machine's files).
/// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html and
/// https://docs.aws.amazon.com/lambda/latest/dg/configuration-function-zip.html
/// </summary>
internal static class FunctionPackage
{
    public const long MaxUnzippedBytes = 262_144_000;
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymbolicLink = 0xA000;

    /// <summary>Extracts every entry of <paramref name="archive"/> under <paramref name="root"/> (which must exist).</summary>
    public static void Extract(ZipArchive archive, string root)
    {
        var declared = archive.Entries.Sum(e => e.Length);
        if (declared > MaxUnzippedBytes)
        {
            throw TooLarge();
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        long written = 0;
        foreach (var entry in archive.Entries)
        {
            var path = Inside(root, entry.FullName, entry.FullName);
            if (!seen.Add(path.TrimEnd(Path.DirectorySeparatorChar)))
            {
                throw LambdaErrors.InvalidParameterValue($"Could not unzip uploaded file: the deployment package holds '{entry.FullName}' twice.");
            }

            if (entry.FullName.EndsWith('/'))
            {
                Directory.CreateDirectory(path);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (((entry.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymbolicLink)
            {
                Link(root, entry, path);
                continue;
            }

            written += Copy(entry, path, MaxUnzippedBytes - written);
        }
    }

    private static void Link(string root, ZipArchiveEntry entry, string path)
    {
        using var reader = new StreamReader(entry.Open());
        var target = reader.ReadToEnd();
        if (target.Length == 0 || Path.IsPathRooted(target))
        {
            throw LambdaErrors.InvalidParameterValue($"The deployment package's symbolic link '{entry.FullName}' points to '{target}', outside the package.");
        }

        Inside(root, Path.Combine(Path.GetDirectoryName(entry.FullName) ?? "", target), $"{entry.FullName} -> {target}");
        File.CreateSymbolicLink(path, target);
    }

    private static long Copy(ZipArchiveEntry entry, string path, long allowed)
    {
        using var source = entry.Open();
        using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            total += read;
            if (total > allowed)
            {
                throw TooLarge();
            }

            target.Write(buffer, 0, read);
        }

        return total;
    }

    /// <summary>The full path of <paramref name="relative"/> under <paramref name="root"/>, or refused when it climbs out.</summary>
    private static string Inside(string root, string relative, string shown)
    {
        var path = Path.GetFullPath(Path.Combine(root, relative));
        if (path != root && !path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw LambdaErrors.InvalidParameterValue($"The deployment package has an entry outside its root: '{shown}'.");
        }

        return path;
    }

    private static Protocol.ServiceErrorException TooLarge() =>
        LambdaErrors.InvalidParameterValue($"Unzipped size must be smaller than {MaxUnzippedBytes} bytes");
}
