using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using BatchKit.Emulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Services.S3;

/// <summary>
/// S3's REST-XML wire format: documents in the 2006-03-01 namespace, errors as &lt;Error&gt;. Request documents are
/// read with DTDs refused (no entity expansion, no external resolution), at most <see cref="MaxBytes"/> and
/// <see cref="MaxDepth"/> deep. Characters XML 1.0 cannot carry (a key may hold any UTF-8, control characters too)
/// are written as character references, as S3 does, so one odd key cannot break a listing.
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html#object-key-xml-related-constraints
/// </summary>
internal static class S3Xml
{
    /// <summary>DeleteObjects of 1,000 keys of 1,024 bytes each, escaped, fits well within this.</summary>
    public const long MaxBytes = 4L << 20;

    public const int MaxDepth = 32;

    public static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        CheckCharacters = false, // control characters in keys become &#x1; instead of failing the whole response
        NewLineHandling = NewLineHandling.Entitize, // a \r in a key survives the reader's end-of-line normalisation
        OmitXmlDeclaration = true,
        Encoding = new UTF8Encoding(false),
    };

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CheckCharacters = false, // keys sent back as &#x1; read as they were written
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = MaxBytes,
    };

    public static XElement E(string name, params object?[] content) => new(Ns + name, content);

    public static async Task WriteAsync(HttpResponse response, XElement document, int status = 200)
    {
        response.StatusCode = status;
        response.ContentType = "application/xml";
        await response.WriteAsync(new XDeclaration("1.0", "UTF-8", null) + Environment.NewLine + Text(document)).ConfigureAwait(false);
    }

    public static async Task WriteErrorAsync(HttpContext context, ServiceErrorException error, string? resource)
    {
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return; // HEAD answers carry no body
        }

        response.ContentType = "application/xml";
        var document = new XElement("Error",
            new XElement("Code", error.Code),
            new XElement("Message", error.Message),
            resource is null ? null : new XElement("Resource", resource),
            new XElement("RequestId", context.TraceIdentifier));
        await response.WriteAsync(new XDeclaration("1.0", "UTF-8", null) + Environment.NewLine + Text(document)).ConfigureAwait(false);
    }

    /// <summary>The request's XML document, read through the checks of <see cref="S3RequestBody"/>, or MalformedXML.</summary>
    public static async Task<XDocument> ReadAsync(HttpContext context)
    {
        await using var body = S3RequestBody.Open(context, MaxBytes, S3Errors.MaxMessageLengthExceeded);
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        buffer.Position = 0;
        try
        {
            using var reader = new DepthLimitedReader(XmlReader.Create(buffer, ReaderSettings), MaxDepth);
            var document = XDocument.Load(reader); // in memory already: read synchronously
            return document.Root is null ? throw S3Errors.MalformedXml("the document is empty") : document;
        }
        catch (XmlException e)
        {
            throw S3Errors.MalformedXml(e.Message);
        }
    }

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Http(DateTimeOffset time) => time.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(XElement element)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, WriterSettings))
        {
            element.Save(writer);
        }

        return builder.ToString();
    }
}
