using BatchKit.Emulator.Security;
using BatchKit.Emulator.Services.S3;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// The REST-XML protocol of S3: bucket and key from the Host (virtual-host style, <c>bucket.localhost:4566</c>) or
/// the path (path style), errors as an XML <c>&lt;Error&gt;</c> document. (Anonymous requests are refused: no bucket
/// has a public policy here.)
/// https://smithy.io/2.0/aws/protocols/aws-restxml-protocol.html
/// </summary>
internal sealed class RestXmlProtocol(S3Provider s3, SignatureVerifier signatures) : ProtocolHandler
{
    protected override string ClientErrorCode => "InvalidArgument";

    protected override string ServerErrorCode => "InternalError";

    protected override ErrorDialect Dialect => ErrorDialect.S3;

    /// <summary>
    /// The signature is verified before anything else; its payload hash is the x-amz-content-sha256 header, checked
    /// against the bytes as the body streams in (with the chunk signatures of an aws-chunked body, from the context
    /// set here).
    /// </summary>
    protected override Task ServeAsync(HttpContext context)
    {
        var (bucket, key) = BucketAndKey(context);
        context.Features.Set(signatures.Verify(context.Request, ErrorDialect.S3, "s3", payloadHash: null));
        return s3.HandleAsync(context, bucket, key);
    }

    protected override Task WriteErrorAsync(HttpContext context, ServiceErrorException error)
    {
        var (bucket, key) = BucketAndKey(context);
        return S3Xml.WriteErrorAsync(context, error, key is null ? bucket : $"/{bucket}/{key}");
    }

    /// <summary>Virtual-host style when the Host names a bucket under localhost; path style otherwise.</summary>
    private static (string? Bucket, string? Key) BucketAndKey(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var path = raw.Split('?')[0];
        var host = context.Request.Host.Host;
        if (host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            var key = Uri.UnescapeDataString(path.TrimStart('/'));
            return (host[..^".localhost".Length], key.Length == 0 ? null : key);
        }

        var trimmed = path.TrimStart('/');
        if (trimmed.Length == 0)
        {
            return (null, null);
        }

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (Uri.UnescapeDataString(trimmed), null);
        }

        var objectKey = Uri.UnescapeDataString(trimmed[(slash + 1)..]);
        return (Uri.UnescapeDataString(trimmed[..slash]), objectKey.Length > 0 ? objectKey : null);
    }
}
