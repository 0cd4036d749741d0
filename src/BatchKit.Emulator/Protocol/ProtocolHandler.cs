using System.Text.Json;
using BatchKit.Emulator.Security;
using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Protocol;

/// <summary>
/// One AWS wire protocol: admits a request (loopback Host, not cross-site), serves it, and answers every failure in
/// that protocol's error shape, mapped here once. A provider's own error (<see cref="ServiceErrorException"/>) goes
/// out as it is; a request the provider could not read (a field of the wrong JSON type, a malformed number) is the
/// protocol's client error; a body Kestrel refused is a 4xx with its status; anything else is a server fault,
/// answered as a 5xx without exception names or local paths, and written to the emulator's log.
/// </summary>
internal abstract class ProtocolHandler
{
    /// <summary>The protocol's code for a request it cannot read (SerializationException for the JSON protocols).</summary>
    protected abstract string ClientErrorCode { get; }

    /// <summary>The protocol's code for a server fault (InternalFailure, ServiceException, InternalError).</summary>
    protected abstract string ServerErrorCode { get; }

    /// <summary>Whose words refusals of the Host, Origin and signature use.</summary>
    protected abstract ErrorDialect Dialect { get; }

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            RequestAdmission.Admit(context.Request, Dialect);
            await ServeAsync(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && !(e is OperationCanceledException && context.RequestAborted.IsCancellationRequested))
        {
            await WriteErrorAsync(context, ToServiceError(e, context)).ConfigureAwait(false);
        }
    }

    protected abstract Task ServeAsync(HttpContext context);

    protected abstract Task WriteErrorAsync(HttpContext context, ServiceErrorException error);

    private ServiceErrorException ToServiceError(Exception e, HttpContext context)
    {
        switch (e)
        {
            case ServiceErrorException error:
                return error;
            case BadHttpRequestException bad:
                // Kestrel stopped reading the body: too large (413), too slow or malformed framing (400).
                return new ServiceErrorException(bad.StatusCode == 413 ? "RequestEntityTooLarge" : "IncompleteBody", bad.Message, bad.StatusCode);
            case InvalidOperationException or FormatException or InvalidCastException or JsonException or OverflowException:
                return new ServiceErrorException(ClientErrorCode, "A member of the request has the wrong type or format.");
            default:
                Console.Error.WriteLine($"[{context.TraceIdentifier}] {context.Request.Method} {context.Request.Path}: unexpected {e}");
                return new ServiceErrorException(ServerErrorCode, "We encountered an internal error. Please try again.", 500);
        }
    }
}
