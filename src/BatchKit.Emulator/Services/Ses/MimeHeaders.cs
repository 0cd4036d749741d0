using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.Ses;

/// <summary>The top-level headers of a raw MIME message (unfolded, names in lower case), enough to file it in the mailbox.</summary>
internal static class MimeHeaders
{
    public static Dictionary<string, string> Parse(string raw)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        string? last = null;
        foreach (var line in raw.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Length == 0)
            {
                break; // the body starts
            }

            if (line[0] is ' ' or '\t' && last is not null)
            {
                headers[last] += " " + line.Trim();
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
            {
                last = line[..colon].Trim().ToLowerInvariant();
                headers[last] = line[(colon + 1)..].Trim();
            }
        }

        return headers;
    }

    public static JsonObject Destination(Dictionary<string, string> headers)
    {
        var destination = new JsonObject();
        foreach (var (header, member) in new[] { ("to", "ToAddresses"), ("cc", "CcAddresses"), ("bcc", "BccAddresses") })
        {
            if (headers.TryGetValue(header, out var value))
            {
                destination[member] = new JsonArray([.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a
                    => (JsonNode)a)]);
            }
        }

        return destination;
    }
}
