using System.Text.Json;
using System.Text.Json.Nodes;
using BatchKit.Emulator.Services.S3;
using BatchKit.StatesLanguage.Executions;

namespace BatchKit.Emulator.Services.StepFunctions;

/// <summary>
/// Distributed Map's ItemReader over the emulator's own S3: listObjectsV2, and getObject as JSON or CSV.
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
/// </summary>
internal sealed class S3ItemReader(S3Store s3) : IItemReader
{
    public async Task<TaskResult> ReadItemsAsync(string resource, JsonNode? parameters, JsonNode? readerConfig, CancellationToken cancellationToken)
    {
        var bucket = parameters?["Bucket"]?.GetValue<string>() ?? "";
        if (!s3.BucketExists(bucket))
        {
            return TaskResult.Failure("States.ItemReaderFailed", $"The specified bucket does not exist: {bucket}");
        }

        if (resource == "arn:aws:states:::s3:listObjectsV2")
        {
            var prefix = parameters?["Prefix"]?.GetValue<string>() ?? "";
            var items = s3.List(bucket, prefix, null).Select(o => (JsonNode?)new JsonObject
            {
                ["Etag"] = o.ETag,
                ["Key"] = o.Key,
                ["LastModified"] = o.LastModified.ToUnixTimeSeconds(),
                ["Size"] = o.Size,
                ["StorageClass"] = "STANDARD",
            });
            return TaskResult.Success(new JsonArray(items.ToArray()));
        }

        if (resource != "arn:aws:states:::s3:getObject")
        {
            return TaskResult.Failure(
                "States.ItemReaderFailed", $"The ItemReader resource '{resource}' is not supported; use s3:listObjectsV2 or s3:getObject.");
        }

        var key = parameters?["Key"]?.GetValue<string>() ?? "";
        if (s3.Find(bucket, key) is not { } metadata)
        {
            return TaskResult.Failure("States.ItemReaderFailed", $"The specified key does not exist: {key}");
        }

        string text;
        await using (var stream = s3.OpenRead(bucket, metadata))
        using (var reader = new StreamReader(stream))
        {
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        var inputType = readerConfig?["InputType"]?.GetValue<string>() ?? "JSON";
        try
        {
            return TaskResult.Success(inputType == "CSV" ? Csv(text, readerConfig) : JsonNode.Parse(text));
        }
        catch (JsonException e)
        {
            return TaskResult.Failure("States.ItemReaderFailed", $"The object {key} is not valid JSON: {e.Message}");
        }
    }

    private static JsonArray Csv(string text, JsonNode? config)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var headers = config?["CSVHeaderLocation"]?.GetValue<string>() == "GIVEN"
            ? config["CSVHeaders"]!.AsArray().Select(h => h!.GetValue<string>()).ToArray()
            : lines.Count > 0 ? SplitCsv(lines[0]) : [];
        if (config?["CSVHeaderLocation"]?.GetValue<string>() != "GIVEN" && lines.Count > 0)
        {
            lines.RemoveAt(0);
        }

        var items = new JsonArray();
        foreach (var cells in lines.Select(SplitCsv))
        {
            var item = new JsonObject();
            for (var i = 0; i < headers.Length; i++)
            {
                item[headers[i]] = i < cells.Length ? cells[i] : "";
            }

            items.Add((JsonNode?)item);
        }

        return items;
    }

    /// <summary>RFC 4180 fields: commas inside double quotes, "" for a quote.</summary>
    private static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells.ToArray();
    }
}
