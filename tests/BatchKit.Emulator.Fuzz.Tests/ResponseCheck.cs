using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace BatchKit.Emulator.Fuzz.Tests;

/// <summary>
/// What every answer must be: never a 5xx; a refusal in the protocol's error shape (JSON <c>__type</c> and message;
/// S3's XML <c>&lt;Error&gt;&lt;Code&gt;</c>) with a code the operation's model lists or one AWS documents for every
/// operation; and a refusal, not a success, for a case AWS must refuse.
/// </summary>
internal static class ResponseCheck
{
    /// <summary>https://docs.aws.amazon.com/general/latest/gr/api-retries.html, the JSON protocols' SerializationException and UnknownOperationException, and 413 for bodies over a service's limit.</summary>
    public static readonly HashSet<string> CommonJsonErrors = new(StringComparer.Ordinal)
    {
        "AccessDeniedException", "IncompleteSignatureException", "InvalidSignatureException", "MissingAuthenticationTokenException",
        "ThrottlingException", "ValidationException", "SerializationException", "UnknownOperationException", "RequestEntityTooLargeException",
    };

    /// <summary>S3's documented error codes that any operation may answer (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).</summary>
    public static readonly HashSet<string> CommonS3Errors = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessForbidden", "AuthorizationHeaderMalformed", "AuthorizationQueryParametersError", "BadDigest", "BucketAlreadyOwnedByYou",
        "BucketNotEmpty", "EntityTooLarge", "EntityTooSmall", "IncompleteBody", "InvalidArgument", "InvalidBucketName", "InvalidDigest", "InvalidPart",
        "InvalidPartOrder", "InvalidPartNumber", "InvalidRange", "InvalidRequest", "KeyTooLongError", "MalformedXML", "MaxMessageLengthExceeded",
        "MethodNotAllowed", "NoSuchBucket", "NoSuchKey", "NoSuchUpload", "PreconditionFailed", "RequestTimeTooSkewed", "SignatureDoesNotMatch",
        "XAmzContentSHA256Mismatch", "InvalidTag", "NoSuchTagSet", "NoSuchCORSConfiguration", "NoSuchLifecycleConfiguration",
    };

    /// <summary>Null when the answer is right for the case, else what is wrong with it.</summary>
    public static string? Problem(FuzzCase c, HttpResponseMessage response, string body, IReadOnlySet<string> allowed)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"{status} server error: {Cut(body)}";
        }

        if (status < 400)
        {
            return c.MustFail && response.StatusCode != HttpStatusCode.NotModified ? $"{status}: an invalid request was accepted" : null;
        }

        if (c.Service == "s3" && response.RequestMessage?.Method == HttpMethod.Head)
        {
            return null; // S3 answers HEAD without a body: the status is the whole answer
        }

        var code = c.Service == "s3" ? S3Code(body) : JsonCode(response, body);
        return code switch
        {
            null => $"{status} without the protocol's error shape: {Cut(body)}",
            _ when !allowed.Contains(code) => $"{status} {code}: a code neither the operation's model nor AWS's common errors list",
            _ => null,
        };
    }

    private static string? JsonCode(HttpResponseMessage response, string body)
    {
        try
        {
            var json = JsonNode.Parse(body) as JsonObject;
            var type = json?["__type"]?.GetValue<string>();
            return type is not null && json!["message"] is not null ? type.Split('#')[^1].Split(':')[0] : null;
        }
        catch (JsonException)
        {
            return response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First() : null;
        }
    }

    private static string? S3Code(string body)
    {
        try
        {
            // Keys with control characters come back as character references (&#x1;), as S3 writes them.
            using var reader = System.Xml.XmlReader.Create(new StringReader(body), new System.Xml.XmlReaderSettings { CheckCharacters = false, DtdProcessing = System.Xml.DtdProcessing.Prohibit });
            var error = XDocument.Load(reader).Root;
            return error?.Name.LocalName == "Error" && error.Element("Message") is not null ? error.Element("Code")?.Value : null;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "..." : text;
}
