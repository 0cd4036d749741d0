using System.Text.Json.Nodes;

namespace BatchKit.Jsonata.Benchmarks;

/// <summary>
/// The fixed set: twenty-one cases of ../shared/conformance/jsonata covering paths, predicates, grouping, sorting,
/// joins, the parent operator, higher-order functions, regexes, transforms, closures and blocks.
/// </summary>
internal static class SuiteCases
{
    private static readonly string[] Ids =
    [
        "flattening/case036", "conditionals/case008", "function-sum/case002", "object-constructor/case015",
        "object-constructor/case018", "sorting/case007", "sorting/case020", "parent-operator/parent[21]",
        "parent-operator/parent[27]", "joins/employee-map-reduce[3]", "joins/index[15]", "hof-map/case004",
        "hof-reduce/case005", "regex/case033", "regex/case006", "transforms/case002", "closures/case000",
        "partial-application/case002", "blocks/case004", "string-concat/case011", "transform/case001",
    ];

    public static IReadOnlyList<BenchmarkCase> Load(string suite) => [.. Ids.Select(id => Load(suite, id))];

    private static BenchmarkCase Load(string suite, string id)
    {
        var bracket = id.IndexOf('[', StringComparison.Ordinal);
        var file = Path.Combine(suite, "groups", (bracket < 0 ? id : id[..bracket]) + ".json");
        var node = JsonNode.Parse(File.ReadAllText(file))!;
        var c = (bracket < 0 ? node : node[int.Parse(id[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!).AsObject();
        var expression = c["expr"]!.GetValue<string>();
        if (c.ContainsKey("data"))
        {
            return new BenchmarkCase(id, expression, c["data"]?.DeepClone(), HasInput: true);
        }

        if (c["dataset"] is { } dataset)
        {
            var path = Path.Combine(suite, "datasets", dataset.GetValue<string>() + ".json");
            return new BenchmarkCase(id, expression, JsonNode.Parse(File.ReadAllText(path)), HasInput: true);
        }

        return new BenchmarkCase(id, expression, null, HasInput: false);
    }

    /// <summary>../shared/conformance/jsonata, found beside the repository root (the folder with BatchKit.sln).</summary>
    public static string FindSuite()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchKit.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance", "jsonata"));
            }
        }

        throw new DirectoryNotFoundException($"no BatchKit.sln above {AppContext.BaseDirectory}");
    }
}
