using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.StatesLanguage.Conformance.Tests;

/// <summary>
/// The S3 objects a case's <c>setup</c> lists, served to ItemReader (getObject as JSON or CSV, listObjectsV2).
/// A stand-in for the host in these library-level replays; the emulator replays the same cases over real S3 emulation.
/// </summary>
internal sealed class InMemoryS3ItemReader(IReadOnlyDictionary<(string Bucket, string Key), string> objects) : IItemReader, IResultWriter
{
    public Task<TaskResult> ReadItemsAsync(string resource, JsonNode? parameters, JsonNode? readerConfig, CancellationToken cancellationToken)
    {
        var bucket = parameters?["Bucket"]?.GetValue<string>() ?? "";
        if (resource.EndsWith("listObjectsV2", StringComparison.Ordinal))
        {
            var prefix = parameters?["Prefix"]?.GetValue<string>() ?? "";
            var listed = objects.Where(o => o.Key.Bucket == bucket && o.Key.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(o => o.Key.Key, StringComparer.Ordinal)
                .Select(o => (JsonNode?)new JsonObject { ["Key"] = o.Key.Key, ["Size"] = o.Value.Length });
            return Task.FromResult(TaskResult.Success(new JsonArray(listed.ToArray())));
        }

        var key = parameters?["Key"]?.GetValue<string>() ?? "";
        if (!objects.TryGetValue((bucket, key), out var body))
        {
            return Task.FromResult(TaskResult.Failure("States.ItemReaderFailed", $"The specified key does not exist: {key}"));
        }

        var inputType = readerConfig?["InputType"]?.GetValue<string>() ?? "JSON";
        return Task.FromResult(inputType == "CSV" ? TaskResult.Success(Csv(body, readerConfig)) : TaskResult.Success(JsonNode.Parse(body)));
    }

    public Task<TaskResult> WriteResultsAsync(string resource, JsonNode? parameters, string mapRunArn, JsonArray succeeded, JsonArray failed, CancellationToken cancellationToken) =>
        Task.FromResult(TaskResult.Success(new JsonObject { ["Bucket"] = parameters?["Bucket"]?.DeepClone(), ["Key"] = $"{parameters?["Prefix"]}/manifest.json" }));

    private static JsonArray Csv(string body, JsonNode? config)
    {
        var lines = body.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        string[] headers;
        if (config?["CSVHeaderLocation"]?.GetValue<string>() == "GIVEN")
        {
            headers = config["CSVHeaders"]!.AsArray().Select(h => h!.GetValue<string>()).ToArray();
        }
        else
        {
            headers = lines[0].Split(',');
            lines.RemoveAt(0);
        }

        var items = new JsonArray();
        foreach (var line in lines)
        {
            var cells = line.Split(',');
            var item = new JsonObject();
            for (var i = 0; i < headers.Length; i++)
            {
                item[headers[i]] = i < cells.Length ? cells[i] : "";
            }

            items.Add(item);
        }

        return items;
    }
}
