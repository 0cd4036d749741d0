using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchKit.Jsonata.Benchmarks;

/// <summary>
/// The reference implementation on the machine's Node: `npm install jsonata@2.2.2` into the benchmark's obj/
/// folder once, then one Node process (reference-driver.js) that measures a case when asked, so .NET and Node
/// measurements can alternate. The process is stopped by its own id when the run ends or a reply is overdue.
/// </summary>
internal sealed class ReferenceRunner : IDisposable
{
    public const string Version = "2.2.2";

    private readonly Process _node;

    public ReferenceRunner(IReadOnlyList<BenchmarkCase> cases)
    {
        var moduleDir = Install();
        var casesFile = Path.Combine(moduleDir, "cases.json");
        File.WriteAllText(casesFile, new JsonArray([.. cases.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id, ["expression"] = c.Expression, ["input"] = c.Input?.DeepClone(), ["hasInput"] = c.HasInput,
        })]).ToJsonString());
        var start = new ProcessStartInfo("node", [Path.Combine(AppContext.BaseDirectory, "reference-driver.js"), moduleDir, casesFile])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false,
        };
        _node = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        FirstResults = JsonSerializer.Deserialize<string[]>(ReadLine(TimeSpan.FromSeconds(60)))!;
    }

    /// <summary>Each case's result as JSON text (or "undefined"), to check both sides agree.</summary>
    public IReadOnlyList<string> FirstResults { get; }

    public double Measure(int index, TimeSpan duration)
    {
        _node.StandardInput.WriteLine(string.Create(CultureInfo.InvariantCulture, $$"""{"case": {{index}}, "ms": {{duration.TotalMilliseconds}}}"""));
        var reply = JsonNode.Parse(ReadLine(duration + TimeSpan.FromSeconds(60)))!;
        return reply["evaluationsPerSecond"]!.GetValue<double>();
    }

    public void Dispose()
    {
        if (!_node.HasExited)
        {
            _node.Kill();
            _node.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _node.Dispose();
    }

    private string ReadLine(TimeSpan deadline)
    {
        var line = _node.StandardOutput.ReadLineAsync();
        if (!line.Wait(deadline) || line.Result is null)
        {
            throw new TimeoutException($"the reference driver (node pid {_node.Id}) did not answer within {deadline}");
        }

        return line.Result;
    }

    private static string Install()
    {
        var projectDir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", ".."));
        var moduleDir = Path.Combine(projectDir, "obj", "jsonata-reference");
        var package = Path.Combine(moduleDir, "node_modules", "jsonata", "package.json");
        if (File.Exists(package) && JsonNode.Parse(File.ReadAllText(package))?["version"]?.GetValue<string>() == Version)
        {
            return moduleDir;
        }

        Directory.CreateDirectory(moduleDir);
        Console.WriteLine($"installing jsonata@{Version} (the reference implementation) into {moduleDir}");
        var start = new ProcessStartInfo("npm", ["install", "--prefix", moduleDir, $"jsonata@{Version}", "--no-audit", "--no-fund", "--loglevel=error"])
        {
            UseShellExecute = false,
        };
        using var npm = Process.Start(start) ?? throw new InvalidOperationException("could not start npm");
        if (!npm.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            npm.Kill(entireProcessTree: true);
            throw new TimeoutException("npm install ran past 5 minutes");
        }

        return npm.ExitCode == 0 ? moduleDir : throw new InvalidOperationException($"npm install exited {npm.ExitCode}");
    }
}
