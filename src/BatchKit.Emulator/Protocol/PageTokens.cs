using System.Security.Cryptography;
using System.Text;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// Opaque pagination tokens (NextToken, ContinuationToken): the position the next page starts from, with an HMAC
/// made from the emulator's secret, so a token the emulator did not issue (forged, truncated, from another list) is
/// recognised and refused with the service's error instead of being taken as a position. Tokens stay valid across
/// restarts with the same secret, as a client paging through a list expects.
/// </summary>
internal sealed class PageTokens(string secret, string purpose)
{
    private const int MacBytes = 16;
    private readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes("batchkit-page-token/" + purpose));

    public string Issue(string position)
    {
        var data = Encoding.UTF8.GetBytes(position);
        return Convert.ToBase64String([.. data, .. Mac(data)]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The position a token carries, or null when the emulator did not issue it.</summary>
    public string? Read(string token)
    {
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length) || length < MacBytes)
        {
            return null;
        }

        var data = bytes.AsSpan(0, length - MacBytes).ToArray();
        return CryptographicOperations.FixedTimeEquals(Mac(data), bytes.AsSpan(length - MacBytes, MacBytes)) ? Encoding.UTF8.GetString(data) : null;
    }

    /// <summary>An offset token (the index of the next item), or null when forged or negative.</summary>
    public int? ReadOffset(string token) =>
        Read(token) is { } text
        && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var offset)
            ? offset
            : null;

    private byte[] Mac(byte[] data) => HMACSHA256.HashData(_key, data)[..MacBytes];
}
