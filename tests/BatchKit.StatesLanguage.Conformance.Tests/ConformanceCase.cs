using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.Conformance.Tests;

/// <summary>One recorded execution from ../shared/conformance/stepfunctions/cases (format in its README).</summary>
internal sealed record ConformanceCase(string Area, string Name, JsonObject Document)
{
    public JsonNode Definition => Document["definition"]!;

    public JsonNode? Input => Document["input"];

    public JsonObject Expected => Document["expected"]!.AsObject();

    public JsonArray Setup => Document["setup"] as JsonArray ?? [];

    public string Id => $"{Area}/{Name}";

    /// <summary>JSONata anywhere in the definition: the engine must refuse it.</summary>
    public bool UsesJsonata
    {
        get
        {
            var text = Definition.ToJsonString();
            return text.Contains("\"JSONata\"", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal);
        }
    }

    public static IReadOnlyList<ConformanceCase> All { get; } = Load();

    public static string SharedDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchKit.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }
        }

        throw new DirectoryNotFoundException("BatchKit.sln not found above " + AppContext.BaseDirectory);
    }

    private static List<ConformanceCase> Load()
    {
        var root = Path.Combine(SharedDirectory(), "conformance", "stepfunctions", "cases");
        return Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new ConformanceCase(Path.GetFileName(Path.GetDirectoryName(f)!), Path.GetFileNameWithoutExtension(f), JsonNode.Parse(File.ReadAllText(f))!.AsObject()))
            .ToList();
    }
}
