using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace BatchKit.Emulator.Security;

/// <summary>
/// The canonical request of Signature Version 4, built from the request exactly as it arrived: the raw path (S3
/// encodes each decoded segment once; every other service normalises the path and encodes the already-encoded
/// segments again), the query sorted and encoded, the signed headers' trimmed values, and the payload hash.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html#create-canonical-request
/// </summary>
internal static class CanonicalRequest
{
    public static string Build(HttpRequest request, SigV4Fields fields, ErrorDialect dialect, string payloadHash)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString);
        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? raw : raw[..question];
        var query = question < 0 ? "" : raw[(question + 1)..];
        return string.Join('\n',
            request.Method,
            dialect == ErrorDialect.S3 ? S3Path(path) : NormalizedPath(path),
            Query(query, fields.Presigned),
            Headers(request, fields.SignedHeaders),
            fields.SignedHeaders,
            payloadHash);
    }

    /// <summary>RFC 3986 encoding as SigV4 defines it: unreserved characters stay, everything else is %XX of its UTF-8 bytes.</summary>
    public static string UriEncode(string value, bool keepSlash = false)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(Convert.ToHexString([b]));
            }
        }

        return builder.ToString();
    }

    private static string S3Path(string path) =>
        path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(segment => UriEncode(Uri.UnescapeDataString(segment))));

    private static string NormalizedPath(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(UriEncode(segment));
        }

        var trailing = path.Length > 1 && path.EndsWith('/') && segments.Count > 0 ? "/" : "";
        return "/" + string.Join('/', segments) + trailing;
    }

    private static string Query(string query, bool presigned)
    {
        var pairs = new List<(string Key, string Value)>();
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            if (presigned && key == "X-Amz-Signature")
            {
                continue;
            }

            pairs.Add((UriEncode(key), UriEncode(kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "")));
        }

        var sorted = pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', sorted.Select(p => $"{p.Key}={p.Value}"));
    }

    /// <summary>Each signed header as <c>name:value\n</c>, repeated values joined by commas, spaces trimmed and runs of spaces collapsed.</summary>
    private static string Headers(HttpRequest request, string signedHeaders)
    {
        var builder = new StringBuilder();
        foreach (var name in signedHeaders.Split(';'))
        {
            var values = request.Headers[name]
                .Select(v => string.Join(' ', (v ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            builder.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        return builder.ToString();
    }
}
