using System.Text.Json.Nodes;

namespace BatchKit.Testing.Conformance;

/// <summary>One recorded execution from ../shared/conformance/stepfunctions/cases (format in its README).</summary>
public sealed record StepFunctionsCase(string Area, string Name, JsonObject Document)
{
    public JsonNode Definition => Document["definition"]!;

    public JsonNode? Input => Document["input"];

    public JsonObject Expected => Document["expected"]!.AsObject();

    public JsonArray Setup => Document["setup"] as JsonArray ?? [];

    public string Id => $"{Area}/{Name}";

    /// <summary>JSONata anywhere in the definition (counted apart in the summary).</summary>
    public bool UsesJsonata
    {
        get
        {
            var text = Definition.ToJsonString();
            return text.Contains("\"JSONata\"", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal);
        }
    }

    public static IReadOnlyList<StepFunctionsCase> All { get; } = Load();

    /// <summary>Why a case may differ from AWS (KnownHistoryDifferences.json): an "outcome:" reason means even its outcome may.</summary>
    public static IReadOnlyDictionary<string, string> KnownDifferences { get; } = JsonNode.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "KnownHistoryDifferences.json")))!.AsObject()
        .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);

    private static List<StepFunctionsCase> Load()
    {
        var root = RepositoryPaths.SharedFile("conformance", "stepfunctions", "cases");
        return Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new StepFunctionsCase(Path.GetFileName(Path.GetDirectoryName(f)!), Path.GetFileNameWithoutExtension(f), JsonNode.Parse(File.ReadAllText(f))!.AsObject()))
            .ToList();
    }
}
