namespace BatchKit.Cli.Local;

/// <summary>
/// How to start this same <c>batchkit</c> again as a background process (<c>batchkit up</c> hosts the Slack stub as
/// <c>batchkit slack-stub</c>): the apphost beside the assembly, as the build writes it; else the <c>dotnet</c> host
/// running this process with the assembly's path.
/// </summary>
internal static class CliExecutable
{
    public static (string FileName, IReadOnlyList<string> Arguments) Command(params string[] arguments)
    {
        var assembly = typeof(CliExecutable).Assembly.Location;
        var apphost = Path.Combine(Path.GetDirectoryName(assembly)!, "batchkit");
        if (File.Exists(apphost))
        {
            return (apphost, arguments);
        }

        var host = Environment.ProcessPath is { } path && Path.GetFileName(path) == "dotnet" ? path : "dotnet";
        return (host, [assembly, .. arguments]);
    }
}
