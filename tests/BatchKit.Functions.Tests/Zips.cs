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

    /// <summary>
    /// A zip of <paramref name="count"/> entries <c>store_N.json</c>, each holding <paramref name="content"/>, written
    /// record by record around one deflated copy of it: a bomb of 10,000 entries is built in a moment without
    /// deflating gigabytes. https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT (4.3.7, 4.3.12, 4.3.16)
    /// </summary>
    public static byte[] ManyCopies(byte[] content, int count)
    {
        var single = Of(("store_0.json", content));
        var crc = BitConverter.ToUInt32(single, 14);
        var packedLength = BitConverter.ToInt32(single, 18);
        var data = single.AsSpan(30 + BitConverter.ToUInt16(single, 26) + BitConverter.ToUInt16(single, 28), packedLength).ToArray();
        using var zip = new MemoryStream();
        using var writer = new BinaryWriter(zip);
        var offsets = new List<(string Name, uint Offset)>();
        for (var i = 0; i < count; i++)
        {
            var name = $"store_{1000 + i}.json";
            offsets.Add((name, (uint)zip.Position));
            Header(writer, 0x04034b50, name, crc, data.Length, content.Length, central: false, offset: 0);
            writer.Write(data);
        }

        var directory = (uint)zip.Position;
        foreach (var (name, offset) in offsets)
        {
            Header(writer, 0x02014b50, name, crc, data.Length, content.Length, central: true, offset);
        }

        var size = (uint)zip.Position - directory;
        writer.Write(0x06054b50u);
        writer.Write((ushort)0);
        writer.Write((ushort)0);
        writer.Write((ushort)count);
        writer.Write((ushort)count);
        writer.Write(size);
        writer.Write(directory);
        writer.Write((ushort)0);
        writer.Flush();
        return zip.ToArray();
    }

    private static void Header(BinaryWriter writer, uint signature, string name, uint crc, int packed, int unpacked, bool central, uint offset)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name);
        writer.Write(signature);
        if (central)
        {
            writer.Write((ushort)20); // version made by
        }

        writer.Write((ushort)20); // version needed
        writer.Write((ushort)0); // flags
        writer.Write((ushort)8); // deflate
        writer.Write((ushort)0); // time
        writer.Write((ushort)0x21); // 1980-01-01
        writer.Write(crc);
        writer.Write(packed);
        writer.Write(unpacked);
        writer.Write((ushort)nameBytes.Length);
        writer.Write((ushort)0); // extra
        if (central)
        {
            writer.Write((ushort)0); // comment
            writer.Write((ushort)0); // disk
            writer.Write((ushort)0); // internal attributes
            writer.Write(0u); // external attributes
            writer.Write(offset);
        }

        writer.Write(nameBytes);
    }

    private static void Patch(byte[] zip, byte[] signature, int offset, uint value)
    {
        var at = zip.AsSpan().IndexOf(signature);
        Assert.True(at >= 0, "signature not found");
        BitConverter.TryWriteBytes(zip.AsSpan(at + offset, 4), value);
    }

    public static string Day01 => RepositoryPaths.SharedFile("data", "online-retail", "day01.zip");
}
