using System.IO.Compression;
using System.Text;

namespace BatchKit.Functions.Tests;

/// <summary>Zips built in memory for the hostile-archive cases, and the shared sample day.</summary>
internal static class Zips
{
    public static byte[] Of(params (string Name, string Content)[] entries) =>
        Of(entries.Select(e => (e.Name, Encoding.UTF8.GetBytes(e.Content))).ToArray());

    public static byte[] Of(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.SmallestSize);
                if (!name.EndsWith('/'))
                {
                    using var stream = entry.Open();
                    stream.Write(content);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A zip whose records declare a smaller uncompressed size for its single entry than the data really has (the
    /// zip-bomb trick that defeats size checks made on the directory alone).
    /// </summary>
    public static byte[] LyingAboutSize(string name, byte[] content, uint declared)
    {
        var zip = Of((name, content));
        // Local file header: signature 0x04034b50, uncompressed size at +22. Central directory header: 0x02014b50, +24.
        Patch(zip, [0x50, 0x4b, 0x03, 0x04], 22, declared);
        Patch(zip, [0x50, 0x4b, 0x01, 0x02], 24, declared);
        return zip;
    }

    private static void Patch(byte[] zip, byte[] signature, int offset, uint value)
    {
        var at = zip.AsSpan().IndexOf(signature);
        Assert.True(at >= 0, "signature not found");
        BitConverter.TryWriteBytes(zip.AsSpan(at + offset, 4), value);
    }

    public static string Day01 => RepositoryPaths.SharedFile("data", "online-retail", "day01.zip");
}
