using BatchKit.Emulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Viewer;

/// <summary>
/// The viewer's actions (start, stop, redrive) change state, so a page on another site must not be able to trigger
/// them. They require a custom header — a cross-origin page cannot send one without a CORS preflight, which this
/// endpoint never grants, and a form cannot send one at all — and refuse any request whose Origin is not the viewer's
/// own or that the browser marks as not same-origin (Sec-Fetch-Site).
/// https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html#employing-custom-request-headers-for-ajaxapi
/// </summary>
internal static class ViewerGuard
{
    public const string ActionHeader = "X-BatchKit-Viewer";

    public static void RequireSameOrigin(HttpRequest request)
    {
        if (request.Headers[ActionHeader].ToString() != "1")
        {
            throw Refused($"a viewer action needs the header {ActionHeader}: 1 (sent by the viewer's own page)");
        }

        var origin = request.Headers.Origin.ToString();
        var own = $"{request.Scheme}://{request.Host}";
        if (origin.Length > 0 && !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase))
        {
            throw Refused($"the Origin '{origin}' is not the viewer's own ({own})");
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            throw Refused($"the browser marks this request Sec-Fetch-Site: {site}");
        }
    }

    private static ServiceErrorException Refused(string why) => new("AccessDeniedException", $"Refused: {why}.", 403);
}
