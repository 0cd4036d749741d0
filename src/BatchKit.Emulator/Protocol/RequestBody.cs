using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// Reads a request body whole, refusing it before buffering when it is larger than the operation accepts: a
/// Content-Length over the limit is refused unread, and a body without one is cut off at the limit, so no request
/// can make the emulator buffer more than a service's documented maximum.
/// </summary>
internal static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, Func<long, ServiceErrorException> tooLarge, CancellationToken cancellationToken)
    {
        Limit(request, limit, tooLarge);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw tooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Refuses a declared length over the limit, and tells Kestrel to stop reading past it.</summary>
    public static void Limit(HttpRequest request, long limit, Func<long, ServiceErrorException> tooLarge)
    {
        if (request.ContentLength > limit)
        {
            throw tooLarge(limit);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit + 1; // one over, so the reader above sees the excess and answers in the service's words
        }
    }
}
