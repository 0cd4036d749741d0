using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Viewer;

/// <summary>
/// The viewer's page, script and styles, embedded in the emulator's assembly (no CDN, no build step at run time) and
/// served with an ETag, so a reload costs a 304. Files live in Viewer/Assets/ and are embedded as <c>viewer/NAME</c>.
/// </summary>
internal sealed class ViewerAssets
{
    private const string ResourcePrefix = "viewer/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".txt"] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Read and hashed on the first request that needs them, not at start, where they were 4 % of the Native AOT
    // emulator's start-up CPU (perf record of exec to healthy; issue 17).
    private readonly Lazy<FrozenDictionary<string, Asset>> _assets = new(LoadAll);

    public IEnumerable<string> Names => _assets.Value.Keys;

    /// <summary>Writes the named asset (or 304 when the browser holds this version); false when there is no such asset.</summary>
    public async Task<bool> TryServeAsync(HttpContext context, string name)
    {
        if (!_assets.Value.TryGetValue(name, out var asset))
        {
            return false;
        }

        var response = context.Response;
        response.Headers.ETag = asset.ETag;
        response.Headers.CacheControl = "no-cache"; // revalidate each time: a rebuilt emulator serves its new page at once
        response.Headers.XContentTypeOptions = "nosniff";
        if (asset.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            // Only the viewer's own files run, and no other site may frame it (its action buttons must not be clickjacked).
            response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            response.Headers.XFrameOptions = "DENY";
        }

        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return true;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Bytes.Length;
        await response.Body.WriteAsync(asset.Bytes, context.RequestAborted).ConfigureAwait(false);
        return true;
    }

    private static FrozenDictionary<string, Asset> LoadAll()
    {
        var assembly = typeof(ViewerAssets).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[ResourcePrefix.Length..], n => Load(assembly, n), StringComparer.Ordinal);
    }

    private static Asset Load(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        var type = ContentTypes.GetValueOrDefault(Path.GetExtension(resource), "application/octet-stream");
        return new Asset(bytes, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
    }

    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
