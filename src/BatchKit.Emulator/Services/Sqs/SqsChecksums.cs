using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.Sqs;

/// <summary>
/// The MD5 digests SQS returns and every SDK checks: of the body, and of the message attributes (each attribute, in
/// name order, as length-prefixed name, data type, a transport byte (1 string/number, 2 binary) and length-prefixed value).
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation
/// </summary>
internal static class SqsChecksums
{
    public static string OfBody(string body) => Md5(Encoding.UTF8.GetBytes(body));

    public static string? OfAttributes(JsonObject attributes)
    {
        if (attributes.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var dataType = value!["DataType"]!.GetValue<string>();
            Write(buffer, Encoding.UTF8.GetBytes(name));
            Write(buffer, Encoding.UTF8.GetBytes(dataType));
            if (value["BinaryValue"]?.GetValue<string>() is { } binary)
            {
                buffer.WriteByte(2);
                Write(buffer, Convert.FromBase64String(binary));
            }
            else
            {
                buffer.WriteByte(1);
                Write(buffer, Encoding.UTF8.GetBytes(value["StringValue"]?.GetValue<string>() ?? ""));
            }
        }

        return Md5(buffer.ToArray());
    }

    /// <summary>MD5 as a checksum SQS defines, not for security (IncrementalHash, as S3's ETags use it).</summary>
    private static string Md5(byte[] bytes)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(bytes);
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    private static void Write(MemoryStream buffer, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }
}
