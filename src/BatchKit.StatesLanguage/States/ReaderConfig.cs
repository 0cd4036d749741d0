using System.Text.Json.Nodes;

namespace BatchKit.StatesLanguage.States;

/// <summary>
/// ItemReader's ReaderConfig: the object's format and, for CSV, where the header row comes from; MaxItems (a literal
/// or MaxItemsPath) caps how many items the Map Run takes.
/// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html#itemreader-field-contents
/// </summary>
internal sealed record ReaderConfig(
    string? InputType,
    string? CsvHeaderLocation,
    IReadOnlyList<string>? CsvHeaders,
    string? CsvDelimiter,
    string? ManifestType,
    long? MaxItems,
    string? MaxItemsPath)
{
    public static readonly ReaderConfig None = new(null, null, null, null, null, null, null);

    /// <summary>JSONata: MaxItems as an expression.</summary>
    public Payloads.JsonataTemplate? MaxItemsTemplate { get; init; }

    /// <summary>The config as the host's item reader receives it, with MaxItems resolved (null: no cap).</summary>
    public JsonObject ToJson(long? maxItems)
    {
        var json = new JsonObject();
        Put(json, "InputType", InputType);
        Put(json, "CSVHeaderLocation", CsvHeaderLocation);
        if (CsvHeaders is not null)
        {
            json["CSVHeaders"] = new JsonArray(CsvHeaders.Select(h => (JsonNode?)h).ToArray());
        }

        Put(json, "CSVDelimiter", CsvDelimiter);
        Put(json, "ManifestType", ManifestType);
        if (maxItems is { } max)
        {
            json[nameof(MaxItems)] = max;
        }

        return json;
    }

    private static void Put(JsonObject json, string key, string? value)
    {
        if (value is not null)
        {
            json[key] = value;
        }
    }
}
