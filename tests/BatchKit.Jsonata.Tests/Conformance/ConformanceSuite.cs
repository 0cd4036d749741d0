using System.Text.Json.Nodes;

namespace BatchKit.Jsonata.Tests.Conformance;

/// <summary>
/// Loads ../shared/conformance/jsonata: ../shared is found next to the repository root, the folder that holds
/// BatchKit.sln, walking up from the test assembly.
/// </summary>
public static class ConformanceSuite
{
    private static readonly Lazy<IReadOnlyList<ConformanceCase>> Loaded = new(Load);

    public static IReadOnlyList<ConformanceCase> All => Loaded.Value;

    public static string Root { get; } = FindRoot();

    public static IEnumerable<string> Groups => All.Select(c => c.Group).Distinct().Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchKit.sln")))
            {
                var suite = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance", "jsonata"));
                return Directory.Exists(suite)
                    ? suite
                    : throw new DirectoryNotFoundException($"the JSONata suite is not at {suite} (next to the repository root {dir.FullName})");
            }
        }

        throw new DirectoryNotFoundException($"no BatchKit.sln above {AppContext.BaseDirectory}");
    }

    private static List<ConformanceCase> Load()
    {
        var datasets = Directory.GetFiles(Path.Combine(Root, "datasets"), "*.json")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => JsonNode.Parse(File.ReadAllText(f)), StringComparer.Ordinal);
        var cases = new List<ConformanceCase>();
        foreach (var groupDir in Directory.GetDirectories(Path.Combine(Root, "groups")).Order(StringComparer.Ordinal))
        {
            var group = Path.GetFileName(groupDir);
            foreach (var file in Directory.GetFiles(groupDir, "*.json").Order(StringComparer.Ordinal))
            {
                var node = JsonNode.Parse(File.ReadAllText(file))!;
                var items = node is JsonArray array ? array.Select(n => n!.AsObject()).ToList() : [node.AsObject()];
                for (var i = 0; i < items.Count; i++)
                {
                    var name = Path.GetFileNameWithoutExtension(file) + (node is JsonArray ? $"[{i}]" : "");
                    cases.Add(Read(group, $"{group}/{name}", groupDir, items[i], datasets));
                }
            }
        }

        return cases;
    }

    /// <summary>The expression file a case names, or null: this copy of the suite lacks a few of them.</summary>
    private static string? ReadExpressionFile(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    private static ConformanceCase Read(string group, string id, string groupDir, JsonObject c, Dictionary<string, JsonNode?> datasets)
    {
        var expression = c["expr"]?.GetValue<string>() ?? ReadExpressionFile(Path.Combine(groupDir, c["expr-file"]!.GetValue<string>()));
        JsonataResult input;
        if (c.ContainsKey("data"))
        {
            input = JsonataResult.From(c["data"]?.DeepClone());
        }
        else if (c["dataset"] is { } dataset)
        {
            input = JsonataResult.From(datasets[dataset.GetValue<string>()]?.DeepClone());
        }
        else
        {
            input = JsonataResult.Undefined;
        }

        JsonataLimits? limits = null;
        if (c["timelimit"] is { } time && c["depth"] is { } depth)
        {
            limits = new JsonataLimits { MaxDepth = depth.GetValue<int>(), TimeLimit = TimeSpan.FromMilliseconds(time.GetValue<double>()) };
        }

        var code = c["code"]?.GetValue<string>() ?? c["error"]?["code"]?.GetValue<string>();
        return new ConformanceCase(group, id, expression, input, c["bindings"]?.AsObject() ?? [], limits,
            c["result"]?.DeepClone(), c.ContainsKey("result"), c.ContainsKey("undefinedResult"), code);
    }
}
