using System.Text.Json.Nodes;

namespace BatchKit.Jsonata.Tests.Conformance;

/// <summary>The cases that do not pass yet, each with the reason (Conformance/KnownFailures.json).</summary>
public static class KnownFailures
{
    public static IReadOnlyDictionary<string, string> All { get; } = Load();

    private static Dictionary<string, string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conformance", "KnownFailures.json");
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
    }
}
