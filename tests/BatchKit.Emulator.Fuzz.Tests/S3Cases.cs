using System.Text;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Fuzz.Tests;

/// <summary>
/// Cases for S3's REST-XML operations, member by member from the model's HTTP bindings: bucket labels that break the
/// naming rules, keys over 1,024 bytes or with control characters, query and header members of the wrong type or out
/// of range, and XML bodies that are malformed, carry a DTD, nest too deep, are empty or hold too many elements.
/// A baseline names the fuzz bucket and an existing key; <see cref="UploadPlaceholder"/> stands for a multipart upload
/// the runner creates just before the request (with part 1 uploaded, its ETag for <see cref="ETagPlaceholder"/>).
/// </summary>
internal sealed class S3Cases(JsonObject model)
{
    public const string Bucket = "fuzz-bucket";
    public const string Key = "fuzz-key";
    public const string UploadPlaceholder = "{{upload}}";
    public const string ETagPlaceholder = "{{etag}}";

    private static readonly string[] BadBuckets = ["A", "ab", "a..b", "192.168.5.4", "xn--fuzz", new('b', 64), "-fuzz", "Fuzz_Bucket"];
    private static readonly HashSet<string> ReadsBody = new(StringComparer.Ordinal)
    {
        "PutObject", "UploadPart", "DeleteObjects", "CompleteMultipartUpload", "PutBucketNotificationConfiguration",
    };

    private static readonly HashSet<string> ChecksIntegers = new(StringComparer.Ordinal)
    {
        "ListBuckets.MaxBuckets", "ListObjectsV2.MaxKeys", "GetObject.PartNumber", "HeadObject.PartNumber", "UploadPart.PartNumber",
    };

    private readonly JsonObject _shapes = model["shapes"]!.AsObject();

    public IEnumerable<FuzzCase> For(string operation)
    {
        var shapeName = model["operations"]![operation]!["input"]?["shape"]?.GetValue<string>();
        var shape = shapeName is null ? new JsonObject { ["members"] = new JsonObject() } : _shapes[shapeName]!.AsObject();
        var baseline = Baseline(operation, shape);
        var body = Body(operation);
        FuzzCase Case(string kind, string path, JsonObject input, bool mustFail, byte[]? raw = null) =>
            new("s3", operation, kind, path, input, mustFail) { RawBody = raw ?? body };

        yield return Case("extra-member", "fuzz-extra", With(baseline, "BatchKitFuzzExtra", "x"), false);
        foreach (var (name, member) in shape["members"]!.AsObject())
        {
            var location = member!["location"]?.GetValue<string>();
            var type = _shapes[member["shape"]!.GetValue<string>()]!["type"]!.GetValue<string>();
            foreach (var (kind, value, mustFail) in Mutations(operation, name, location, type))
            {
                yield return Case(kind, name, With(baseline, name, value), mustFail);
            }
        }

        foreach (var (kind, raw, mustFail) in Bodies(operation))
        {
            yield return Case(kind, "body", baseline, mustFail, raw);
        }
    }

    private static IEnumerable<(string Kind, JsonNode? Value, bool MustFail)> Mutations(string operation, string member, string? location, string type)
    {
        switch (location, member)
        {
            case ("uri", "Bucket"):
                foreach (var bad in BadBuckets)
                {
                    yield return ("invalid-name", bad, true);
                }

                break;
            case ("uri", "Key"):
                yield return ("oversized", new string('k', 1025), true);
                yield return ("control-chars", "fuzz\u0001\u001f\u007f\r\nkey", false);
                yield return ("dot-segments", "../../../etc/passwd", false);
                break;
            case ("querystring", "UploadId"):
                yield return ("unknown-upload", "not-an-upload", true);
                yield return ("control-chars", "up\u0001load", true);
                break;
            case ("querystring", "ContinuationToken"):
                yield return ("forged-token", Convert.ToBase64String("fuzz-key"u8), true);
                break;
            case ("querystring", "EncodingType"):
                yield return ("invalid-enum", "base64", true);
                break;
            case ("querystring", _) when type is "integer" or "long":
                var checks = ChecksIntegers.Contains($"{operation}.{member}");
                yield return ("wrong-type", "not-a-number", checks);
                yield return ("out-of-range", "-1", checks);
                yield return ("out-of-range", "99999999999999999999", checks);
                break;
            case ("querystring", _):
                yield return ("wrong-type", "{\"not\":\"text\"}", false);
                yield return ("control-chars", "q\u0001\u007f\r\nq", false);
                yield return ("oversized", new string('q', 4000), false);
                break;
            case ("header", "ContentMD5"):
                yield return ("invalid-digest", "not base64 at all", ReadsBody.Contains(operation));
                yield return ("wrong-digest", Convert.ToBase64String(new byte[16]), ReadsBody.Contains(operation));
                break;
            case ("header", "CopySource"):
                yield return ("invalid-source", "no-slash", true);
                yield return ("missing-source", $"{Bucket}/no-such-key", true);
                break;
            case ("header", _) when type is "integer" or "long":
                break; // Content-Length and friends frame the request itself
            case ("header", _):
                yield return ("wrong-type", type is "string" ? "12345" : "not-a-" + type, false);
                yield return ("control-chars", "h\u0001\u007fh", false);
                yield return ("oversized", new string('h', 6000), false);
                break;
        }
    }

    private static IEnumerable<(string Kind, byte[] Body, bool MustFail)> Bodies(string operation)
    {
        var parses = operation is "DeleteObjects" or "CompleteMultipartUpload" or "PutBucketNotificationConfiguration";
        if (operation is "PutObject" or "UploadPart")
        {
            yield return ("control-chars", Encoding.UTF8.GetBytes("\u0000\u0001 binary is fine"), false);
            yield break;
        }

        if (!parses && operation != "CreateBucket")
        {
            yield break;
        }

        var root = operation switch { "DeleteObjects" => "Delete", "CompleteMultipartUpload" => "CompleteMultipartUpload", "CreateBucket" => "CreateBucketConfiguration", _ => "NotificationConfiguration" };
        yield return ("malformed-xml", Encoding.UTF8.GetBytes($"<{root}><unclosed>"), parses);
        yield return ("dtd", Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><!DOCTYPE {root} [<!ENTITY e \"eeeeeeeeee\">]><{root}>&e;</{root}>"), parses);
        yield return ("deep-xml", Encoding.UTF8.GetBytes($"<{root}>" + string.Concat(Enumerable.Repeat("<n>", 3000)) + string.Concat(Enumerable.Repeat("</n>", 3000)) + $"</{root}>"), parses);
        yield return ("empty-body", [], parses);
        yield return ("oversized", new byte[5 << 20], parses);
        yield return ("control-chars", Encoding.UTF8.GetBytes($"<{root}><x>\u0001</x></{root}>"), parses); // a raw control character is not XML
        yield return ("char-reference", Encoding.UTF8.GetBytes($"<{root}><x>&#x1;</x></{root}>"), parses && operation != "PutBucketNotificationConfiguration");
        if (operation == "DeleteObjects")
        {
            yield return ("too-many-keys", Encoding.UTF8.GetBytes("<Delete>" + string.Concat(Enumerable.Range(0, 1001).Select(i => $"<Object><Key>k{i}</Key></Object>")) + "</Delete>"), true);
        }

        if (operation == "CompleteMultipartUpload")
        {
            yield return ("wrong-type", Encoding.UTF8.GetBytes($"<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>{ETagPlaceholder}</ETag></Part></CompleteMultipartUpload>"), true);
            yield return ("out-of-range", Encoding.UTF8.GetBytes($"<CompleteMultipartUpload><Part><PartNumber>10001</PartNumber><ETag>{ETagPlaceholder}</ETag></Part></CompleteMultipartUpload>"), true);
        }
    }

    private static JsonObject Baseline(string operation, JsonObject shape)
    {
        var members = shape["members"]!.AsObject();
        var input = new JsonObject();
        if (members.ContainsKey("Bucket"))
        {
            input["Bucket"] = Bucket;
        }

        if (members.ContainsKey("Key"))
        {
            input["Key"] = operation is "DeleteObject" ? "fuzz-delete-me" : Key;
        }

        if (members.ContainsKey("UploadId"))
        {
            input["UploadId"] = UploadPlaceholder;
        }

        if (operation == "UploadPart")
        {
            input["PartNumber"] = 2;
        }

        if (operation == "CopyObject")
        {
            input["CopySource"] = $"{Bucket}/{Key}";
            input["Key"] = "fuzz-copy";
        }

        return input;
    }

    private static byte[]? Body(string operation) => operation switch
    {
        "PutObject" or "UploadPart" => "fuzz"u8.ToArray(),
        "DeleteObjects" => "<Delete><Object><Key>fuzz-delete-me</Key></Object></Delete>"u8.ToArray(),
        "CompleteMultipartUpload" => Encoding.UTF8.GetBytes($"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>{ETagPlaceholder}</ETag></Part></CompleteMultipartUpload>"),
        "PutBucketNotificationConfiguration" => "<NotificationConfiguration/>"u8.ToArray(),
        _ => null,
    };

    private static JsonObject With(JsonObject baseline, string member, JsonNode? value)
    {
        var input = (JsonObject)baseline.DeepClone();
        input[member] = value?.DeepClone();
        return input;
    }
}
