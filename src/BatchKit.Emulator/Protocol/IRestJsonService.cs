using Microsoft.AspNetCore.Http;

namespace BatchKit.Emulator.Protocol;

/// <summary>A service spoken in REST-JSON (Lambda): it recognises its own requests by method, path and signing scope.</summary>
internal interface IRestJsonService
{
    bool Serves(HttpRequest request);

    /// <summary>Runs the operation the request names; throws <see cref="ServiceErrorException"/> for AWS's errors.</summary>
    Task HandleAsync(HttpContext context);
}
