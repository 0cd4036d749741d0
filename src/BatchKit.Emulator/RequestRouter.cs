using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator;

/// <summary>
/// Picks the protocol handler for a request, the way one LocalStack-style port serves every service: the viewer and
/// BatchKit's own read-outs under /_batchkit, the JSON protocols by X-Amz-Target, the query protocol by a form signed
/// for its service, the REST-JSON services (Lambda, SES v2) by signing scope and path, and everything else is S3. An
/// AWS call that may have written something moves the viewer's change feed.
/// </summary>
internal sealed class RequestRouter(EmulatorServices services)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (Viewer.ViewerHandler.Serves(request))
        {
            await services.Viewer.HandleAsync(context).ConfigureAwait(false);
            return;
        }

        if (Diagnostics.BatchKitApi.Serves(request))
        {
            await services.BatchKitApi.HandleAsync(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await ServiceFor(request).HandleAsync(context).ConfigureAwait(false);
        }
        finally
        {
            if (!Viewer.ChangeFeed.IsReadOnly(request))
            {
                services.Changes.Notify();
            }
        }
    }

    private Protocol.ProtocolHandler ServiceFor(HttpRequest request)
    {
        if (Protocol.AwsJsonProtocol.Serves(request))
        {
            return services.AwsJson;
        }

        if (services.Query.Serves(request))
        {
            return services.Query;
        }

        return services.RestJson.Serves(request) ? services.RestJson : services.RestXml;
    }
}
