using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Fuzz.Tests;

/// <summary>
/// botocore's API models as installed with the AWS CLI on this machine (<c>data/&lt;service&gt;/&lt;version&gt;/service-2.json</c>,
/// gzipped): read here on their own, not through the emulator's embedded copies, so the suite checks the emulator
/// against the source and not against itself.
/// </summary>
internal static class BotocoreModels
{
    private static readonly Lazy<string> DataDirectory = new(Locate);

    public static JsonObject Load(string service)
    {
        var serviceDirectory = Path.Combine(DataDirectory.Value, service);
        var version = Directory.GetDirectories(serviceDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).Last()!;
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(serviceDirectory, version, "service-2.json.gz")), CompressionMode.Decompress);
        return JsonNode.Parse(gzip)!.AsObject();
    }

    private static string Locate()
    {
        var start = new ProcessStartInfo("python3", ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 (with botocore, installed with the AWS CLI) is needed to read the API models");
        var directory = python.StandardOutput.ReadToEnd().Trim();
        python.WaitForExit(30_000);
        var data = Path.Combine(directory, "data");
        return Directory.Exists(data) ? data : throw new DirectoryNotFoundException($"botocore's models are not at {data}");
    }
}
