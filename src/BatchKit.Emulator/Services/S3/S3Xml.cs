using System.Globalization;
using System.Xml.Linq;
using BatchKit.Emulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Services.S3;

/// <summary>S3's REST-XML wire format: documents in the 2006-03-01 namespace, errors as &lt;Error&gt;.</summary>
internal static class S3Xml
{
    public static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    public static XElement E(string name, params object?[] content) => new(Ns + name, content);

    public static async Task WriteAsync(HttpResponse response, XElement document, int status = 200)
    {
        response.StatusCode = status;
        response.ContentType = "application/xml";
        await response.WriteAsync(new XDeclaration("1.0", "UTF-8", null) + Environment.NewLine + document.ToString(SaveOptions.DisableFormatting)).ConfigureAwait(false);
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
        await response.WriteAsync(new XDeclaration("1.0", "UTF-8", null) + Environment.NewLine + document.ToString(SaveOptions.DisableFormatting)).ConfigureAwait(false);
    }

    public static async Task<XDocument> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await XDocument.LoadAsync(request.Body, LoadOptions.None, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Xml.XmlException e)
        {
            throw S3Errors.MalformedXml(e.Message);
        }
    }

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Http(DateTimeOffset time) => time.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
}
