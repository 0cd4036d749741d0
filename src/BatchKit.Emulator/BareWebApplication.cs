using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BatchKit.Emulator;

/// <summary>
/// A Kestrel server with nothing else: the endpoint itself and each Lambda environment's Runtime API. Built from the
/// empty builder, with no appsettings.json, environment or logging sources. The slim builder watches appsettings.json
/// for changes under the content root, the working directory, and on Linux that watch walks the whole tree below it
/// (node_modules and every build output when started from the repository): for the endpoint, 0.9 s of CPU before its
/// first request; for every Lambda environment, an inotify watch on each of the repository's 1,601 directories (seen on
/// the emulator of make bench-pipeline, which runs from the repository as make up does).
/// https://learn.microsoft.com/aspnet/core/fundamentals/configuration/#default-application-configuration-sources
/// </summary>
internal static class BareWebApplication
{
    public static WebApplication Create(string url, Action<KestrelServerOptions>? kestrel = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => kestrel?.Invoke(k));
        builder.WebHost.UseUrls(url);
        return builder.Build();
    }
}
