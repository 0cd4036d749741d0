using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator;

/// <summary>
/// Picks the protocol handler for a request, the way one LocalStack-style port serves every service: BatchKit's own
/// read-outs under /_batchkit, the JSON protocols by X-Amz-Target, the query protocol by a form signed for its service,
/// the REST-JSON services (Lambda, SES v2) by signing scope and path, and
/// everything else is S3.
/// </summary>
internal sealed class RequestRouter(EmulatorServices services)
{
    public Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (Diagnostics.BatchKitApi.Serves(request))
        {
            return services.BatchKitApi.HandleAsync(context);
        }

        if (Protocol.AwsJsonProtocol.Serves(request))
        {
            return services.AwsJson.HandleAsync(context);
        }

        if (services.Query.Serves(request))
        {
            return services.Query.HandleAsync(context);
        }

        return services.RestJson.Serves(request) ? services.RestJson.HandleAsync(context) : services.RestXml.HandleAsync(context);
    }
}
