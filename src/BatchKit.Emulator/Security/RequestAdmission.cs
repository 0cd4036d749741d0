using BatchKit.Emulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Security;

/// <summary>
/// The first check on every request, before anything is read: the Host must name this machine (otherwise a web page
/// could reach the endpoint through DNS rebinding: 421 Misdirected Request, RFC 9110 §15.5.20), and a request a
/// browser marks as cross-site (an Origin that is not loopback, or <c>Sec-Fetch-Site: cross-site</c>) is refused,
/// as S3 refuses a CORS request no bucket configuration allows. Nothing here depends on credentials: a page cannot
/// sign, but it can send a form POST, and DeleteObjects with query-string auth would otherwise go through.
/// https://www.rfc-editor.org/rfc/rfc9110#name-421-misdirected-request and
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html
/// </summary>
internal static class RequestAdmission
{
    public static void Admit(HttpRequest request, ErrorDialect dialect)
    {
        var host = request.Host.HasValue ? request.Host.Host : "";
        if (!LoopbackNames.IsLoopbackHost(host))
        {
            throw new ServiceErrorException(
                "MisdirectedRequest",
                $"BatchKit's emulator serves only loopback names (localhost, *.localhost, 127.0.0.0/8, [::1]); the Host '{host}' names another server.",
                StatusCodes.Status421MisdirectedRequest);
        }

        var origin = request.Headers.Origin.ToString();
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        var crossSiteOrigin = origin.Length > 0 && !LoopbackNames.IsLoopbackOrigin(origin);
        if (crossSiteOrigin || string.Equals(fetchSite, "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            var from = crossSiteOrigin ? $"Origin '{origin}'" : "Sec-Fetch-Site: cross-site";
            throw dialect == ErrorDialect.S3
                ? new ServiceErrorException("AccessForbidden",
                    $"CORSResponse: This CORS request is not allowed ({from}): no bucket CORS configuration allows it.", 403)
                : new ServiceErrorException("AccessDeniedException",
                    $"A cross-site request from a browser ({from}) is refused: BatchKit's emulator answers only pages on this machine.", 403);
        }
    }
}
