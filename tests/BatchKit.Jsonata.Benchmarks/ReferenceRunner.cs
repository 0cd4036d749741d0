using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchKit.Jsonata.Benchmarks;

/// <summary>
/// The reference implementation on the machine's Node: `npm install jsonata@2.2.2` into the benchmark's obj/
/// folder once, then one Node process runs every case (reference-driver.js) and is stopped by its own id if it
/// overruns its deadline.
/// </summary>
internal static class ReferenceRunner
{
    public const string Version = "2.2.2";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<Measurement> Measure(IReadOnlyList<BenchmarkCase> cases, TimeSpan warmUp, TimeSpan duration)
    {
        var moduleDir = Install();
        var casesFile = Path.Combine(moduleDir, "cases.json");
        File.WriteAllText(casesFile, new JsonArray([.. cases.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id, ["expression"] = c.Expression, ["input"] = c.Input?.DeepClone(), ["hasInput"] = c.HasInput,
        })]).ToJsonString());
        var deadline = TimeSpan.FromSeconds(60) + ((warmUp + duration) * cases.Count * 2);
        var output = Run("node", [Path.Combine(AppContext.BaseDirectory, "reference-driver.js"), moduleDir, casesFile,
            warmUp.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            duration.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)], deadline);
        return JsonSerializer.Deserialize<List<Measurement>>(output, Web)!;
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
        Run("npm", ["install", "--prefix", moduleDir, $"jsonata@{Version}", "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(5));
        return moduleDir;
    }

    private static string Run(string file, string[] arguments, TimeSpan deadline)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(deadline))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} ran past {deadline}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}\nstdout: {output.Result}\nstderr: {error.Result}");
        }

        return output.Result;
    }
}
