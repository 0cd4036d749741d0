using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongJob.Jobs;

/// <summary>
/// What a user asks for: the objects to zip (keys in the request's bucket) and where to mail the link.
/// <c>{"email":"ada@example.com","keys":["files/a.csv","files/b.bin"]}</c>. Parse names the first problem it finds.
/// </summary>
public sealed record JobRequest(string Email, IReadOnlyList<string> Keys)
{
    /// <summary>At most this many objects in one archive (the mail lists every entry).</summary>
    public const int MaxKeys = 1000;

    /// <exception cref="FormatException">The request is unusable; the message says why.</exception>
    public static JobRequest Parse(ReadOnlySpan<byte> json)
    {
        JsonObject request;
        try
        {
            request = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("the request is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"the request is not JSON: {e.Message}", e);
        }

        var email = request["email"] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new FormatException("the request has no string field 'email'");
        if (!IsAddress(email))
        {
            throw new FormatException($"'{email}' is not an email address (one '@', no spaces, line breaks, '<', '>' or ',')");
        }

        return new JobRequest(email, ReadKeys(request["keys"] as JsonArray ?? throw new FormatException("the request has no array field 'keys'")));
    }

    public byte[] ToJson() =>
        Encoding.UTF8.GetBytes(new JsonObject { ["email"] = Email, ["keys"] = new JsonArray([.. Keys.Select(k => (JsonNode)k)]) }.ToJsonString());

    /// <summary>A single address, nothing a mail header could be split on (the address goes into SES's Destination).</summary>
    private static bool IsAddress(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return email.Length <= 254 && at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1
            && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',');
    }

    /// <summary>1 to <see cref="MaxKeys"/> distinct strings, each a valid S3 key (1 to 1,024 bytes of UTF-8).</summary>
    private static List<string> ReadKeys(JsonArray keys)
    {
        if (keys.Count is 0 or > MaxKeys)
        {
            throw new FormatException($"'keys' must list 1 to {MaxKeys} objects, got {keys.Count}");
        }

        var read = new List<string>(keys.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, index) in keys.Select((k, i) => (k, i)))
        {
            var key = node is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw new FormatException($"keys[{index}] is not a string");
            if (Encoding.UTF8.GetByteCount(key) is 0 or > 1024)
            {
                throw new FormatException($"keys[{index}] must be 1 to 1024 bytes of UTF-8");
            }

            if (!seen.Add(key))
            {
                throw new FormatException($"keys[{index}] '{key}' is listed twice: a zip holds one entry per name");
            }

            read.Add(key);
        }

        return read;
    }
}
