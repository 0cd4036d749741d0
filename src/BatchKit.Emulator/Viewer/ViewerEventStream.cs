using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Viewer;

/// <summary>
/// <c>GET /_batchkit/api/events</c>: server-sent events, one <c>change</c> event (its data the change version) each time
/// the emulator's state moves, bursts coalesced to at most one per <see cref="Coalesce"/>; a comment every 15 s
/// keeps proxies from closing an idle stream. The page refreshes what it shows on each event, so it never polls.
/// https://html.spec.whatwg.org/multipage/server-sent-events.html
/// </summary>
internal sealed class ViewerEventStream(ChangeFeed changes)
{
    /// <summary>A 1,000-child Map Run records thousands of events a second: one refresh per 200 ms is live enough.</summary>
    public static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public async Task StreamAsync(HttpContext context, CancellationToken stopping)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var seen = changes.Version;
        try
        {
            var first = $"retry: 2000\nevent: change\ndata: {seen.ToString(CultureInfo.InvariantCulture)}\n\n";
            await WriteAsync(response, first, ended.Token).ConfigureAwait(false);
            while (!ended.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(ended.Token);
                idle.CancelAfter(KeepAlive);
                try
                {
                    await changes.WaitForChangeAsync(seen, idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ended.IsCancellationRequested)
                {
                    await WriteAsync(response, ": keep-alive\n\n", ended.Token).ConfigureAwait(false);
                    continue;
                }

                await Task.Delay(Coalesce, ended.Token).ConfigureAwait(false);
                seen = changes.Version;
                await WriteAsync(response, $"event: change\ndata: {seen.ToString(CultureInfo.InvariantCulture)}\n\n", ended.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // The page went away or the emulator is shutting down: the stream simply ends.
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
