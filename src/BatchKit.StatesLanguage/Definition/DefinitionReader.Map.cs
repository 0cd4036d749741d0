using System.Text.Json.Nodes;
using BatchKit.StatesLanguage.Json;
using BatchKit.StatesLanguage.States;

namespace BatchKit.StatesLanguage.Definition;

/// <summary>
/// Reading Map states, with a Distributed Map's ItemReader, ItemBatcher and ResultWriter checked here, with the rest
/// of the definition, rather than when the Map Run starts. https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html
/// </summary>
internal sealed partial class DefinitionReader
{
    private static readonly string[] MapFields =
    [
        "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "ItemsPath", "ItemSelector", "Iterator", "ItemProcessor",
        "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount",
        "ToleratedFailureCountPath", "ItemReader", "ItemBatcher", "ResultWriter", "Label", "Retry", "Catch", "Assign",
    ];

    private static readonly string[] JsonataMapFields =
    [
        "Items", "ItemSelector", "Iterator", "ItemProcessor", "MaxConcurrency", "ToleratedFailurePercentage", "ToleratedFailureCount",
        "ItemReader", "ItemBatcher", "ResultWriter", "Label", "Output", "Assign", "Retry", "Catch",
    ];

    private MapState Map(string name, JsonObject node, string at)
    {
        var fields = Fields(name, node, at, "Map", Jsonata ? JsonataMapFields : MapFields);
        var (processor, distributed) = Processor(node, at);
        if (node.ContainsKey("ItemSelector") && node.ContainsKey("Parameters"))
        {
            Error(Schema, "ItemSelector and Parameters are exclusive", at);
        }

        var graph = processor ?? new StatesGraph("", new Dictionary<string, State>());
        var settings = Jsonata ? JsonataMapSettings(node, at, graph, distributed) : JsonPathMapSettings(node, at, graph, distributed);
        if (!distributed && (settings.ItemReader is not null || settings.ItemBatcher is not null || settings.ResultWriter is not null))
        {
            Error(Schema, "ItemReader, ItemBatcher and ResultWriter need ProcessorConfig Mode DISTRIBUTED", at);
        }

        return new MapState(fields, settings);
    }

    private MapSettings JsonPathMapSettings(JsonObject node, string at, StatesGraph processor, bool distributed) => new(
        processor,
        distributed,
        OptionalPath(node, "ItemsPath", at) ?? "$",
        Template(node, "ItemSelector", at, objectOnly: true),
        OptionalInteger(node, "MaxConcurrency", at, min: 0),
        OptionalPath(node, "MaxConcurrencyPath", at),
        OptionalNumber(node, "ToleratedFailurePercentage", at, 0, 100),
        OptionalPath(node, "ToleratedFailurePercentagePath", at),
        OptionalInteger(node, "ToleratedFailureCount", at, min: 0),
        OptionalPath(node, "ToleratedFailureCountPath", at),
        Section(node, "ItemReader", at, ItemReader),
        Section(node, "ItemBatcher", at, ItemBatcher),
        Section(node, "ResultWriter", at, ResultWriter),
        OptionalString(node, "Label", at));

    /// <summary>JSONata: Items (an array or an expression), an ItemSelector template, and limits as literals or expressions.</summary>
    private MapSettings JsonataMapSettings(JsonObject node, string at, StatesGraph processor, bool distributed)
    {
        var items = JsonataField(node, "Items", at);
        if (items is { IsConstant: true } && node["Items"] is not JsonArray)
        {
            Error(Schema, "Items must be a JSON array or a JSONata expression", $"{at}/Items");
        }

        var (maxConcurrency, maxConcurrencyTemplate) = IntegerOrExpression(node, "MaxConcurrency", at, 0);
        var (toleratedCount, toleratedCountTemplate) = IntegerOrExpression(node, "ToleratedFailureCount", at, 0);
        var toleratedPercentage = node["ToleratedFailurePercentage"] is JsonValue v && JsonText.IsString(v, out _)
            ? null
            : OptionalNumber(node, "ToleratedFailurePercentage", at, 0, 100);
        return new MapSettings(processor, distributed, "$", null, maxConcurrency, null, toleratedPercentage, null, toleratedCount, null,
            Section(node, "ItemReader", at, ItemReader), Section(node, "ItemBatcher", at, ItemBatcher), Section(node, "ResultWriter", at, ResultWriter),
            OptionalString(node, "Label", at))
        {
            Items = items,
            JsonataItemSelector = JsonataField(node, "ItemSelector", at),
            MaxConcurrencyTemplate = maxConcurrencyTemplate,
            ToleratedFailureCountTemplate = toleratedCountTemplate,
            ToleratedFailurePercentageTemplate = toleratedPercentage is null ? JsonataField(node, "ToleratedFailurePercentage", at) : null,
        };
    }

    /// <summary>ItemProcessor (or the legacy Iterator) and whether its ProcessorConfig says DISTRIBUTED.</summary>
    private (StatesGraph? Graph, bool Distributed) Processor(JsonObject node, string at)
    {
        var field = node.ContainsKey("ItemProcessor") ? "ItemProcessor" : "Iterator";
        if (node[field] is not JsonObject processor)
        {
            Error(Schema, "A Map state needs an 'ItemProcessor' (or legacy 'Iterator')", at);
            return (null, false);
        }

        var mode = "INLINE";
        if (processor["ProcessorConfig"] is JsonObject config)
        {
            CheckFields(config, $"{at}/{field}/ProcessorConfig", ["Mode", "ExecutionType"]);
            mode = OptionalString(config, "Mode", $"{at}/{field}/ProcessorConfig") ?? "INLINE";
            if (mode is not ("INLINE" or "DISTRIBUTED"))
            {
                Error(Schema, $"ProcessorConfig Mode must be INLINE or DISTRIBUTED, got '{mode}'", $"{at}/{field}/ProcessorConfig/Mode");
            }
        }

        var graph = processor.DeepClone().AsObject();
        graph.Remove("ProcessorConfig");
        return (ReadGraph(graph, $"{at}/{field}"), mode == "DISTRIBUTED");
    }

    /// <summary>An optional object field read by <paramref name="read"/>; anything but an object is an error.</summary>
    private T? Section<T>(JsonObject node, string field, string at, Func<JsonObject, string, T?> read)
        where T : class
    {
        if (!node.TryGetPropertyValue(field, out var value))
        {
            return null;
        }

        if (value is not JsonObject section)
        {
            Error(Schema, $"The field '{field}' must be a JSON object", $"{at}/{field}");
            return null;
        }

        return read(section, $"{at}/{field}");
    }

    private ItemReader? ItemReader(JsonObject node, string at)
    {
        CheckFields(node, at, ["Resource", Jsonata ? "Arguments" : "Parameters", "ReaderConfig"]);
        var resource = RequiredString(node, "Resource", at);
        if (resource is not (null or States.ItemReader.GetObject or States.ItemReader.ListObjectsV2))
        {
            Error(Schema, $"The ItemReader Resource must be {States.ItemReader.GetObject} or {States.ItemReader.ListObjectsV2}, got '{resource}'",
                $"{at}/Resource");
        }

        var config = Section(node, "ReaderConfig", at, ReaderConfig) ?? States.ReaderConfig.None;
        if (resource == States.ItemReader.GetObject && config.InputType is null)
        {
            Error(Schema, "ReaderConfig needs an InputType (CSV, JSON, JSONL, MANIFEST or PARQUET) to read an object", $"{at}/ReaderConfig");
        }

        var parameters = Jsonata ? null : Template(node, "Parameters", at, objectOnly: true);
        return resource is null ? null : new ItemReader(resource, parameters, config) { Arguments = Jsonata ? JsonataField(node, "Arguments", at) : null };
    }

    private ReaderConfig ReaderConfig(JsonObject node, string at)
    {
        CheckFields(node, at, ["InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "ManifestType", "MaxItems", "MaxItemsPath"]);
        var inputType = OneOf(node, "InputType", at, "CSV", "JSON", "JSONL", "MANIFEST", "PARQUET");
        var headerLocation = OneOf(node, "CSVHeaderLocation", at, "FIRST_ROW", "GIVEN");
        var headers = node["CSVHeaders"] is JsonArray list && list.All(h => JsonText.IsString(h, out _))
            ? list.Select(h => h!.GetValue<string>()).ToList()
            : null;
        if (node.ContainsKey("CSVHeaders") && headers is null)
        {
            Error(Schema, "CSVHeaders must be an array of strings", $"{at}/CSVHeaders");
        }

        if (headerLocation == "GIVEN" && headers is null)
        {
            Error(Schema, "CSVHeaderLocation GIVEN needs CSVHeaders", at);
        }

        var (maxItems, maxItemsTemplate) = Jsonata ? IntegerOrExpression(node, "MaxItems", at, 0) : (OptionalInteger(node, "MaxItems", at, min: 0), null);
        var maxItemsPath = Jsonata ? null : OptionalPath(node, "MaxItemsPath", at);
        Exclusive(node, at, "MaxItems", "MaxItemsPath");
        var delimiter = OneOf(node, "CSVDelimiter", at, "COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB");
        var manifestType = OneOf(node, "ManifestType", at, "S3_INVENTORY", "ATHENA_DATA");
        return new ReaderConfig(inputType, headerLocation, headers, delimiter, manifestType, maxItems, maxItemsPath) { MaxItemsTemplate = maxItemsTemplate };
    }

    private ItemBatcher ItemBatcher(JsonObject node, string at)
    {
        if (Jsonata)
        {
            return JsonataItemBatcher(node, at);
        }

        CheckFields(node, at, ["MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", "BatchInput"]);
        var batcher = new ItemBatcher(
            OptionalInteger(node, "MaxItemsPerBatch", at, min: 1),
            OptionalPath(node, "MaxItemsPerBatchPath", at),
            OptionalInteger(node, "MaxInputBytesPerBatch", at, min: 1, max: States.ItemBatcher.MaxBytes),
            OptionalPath(node, "MaxInputBytesPerBatchPath", at),
            Template(node, "BatchInput", at, objectOnly: true));
        Exclusive(node, at, "MaxItemsPerBatch", "MaxItemsPerBatchPath");
        Exclusive(node, at, "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath");
        if (!node.ContainsKey("MaxItemsPerBatch") && !node.ContainsKey("MaxItemsPerBatchPath")
            && !node.ContainsKey("MaxInputBytesPerBatch") && !node.ContainsKey("MaxInputBytesPerBatchPath"))
        {
            Error(Schema, "An ItemBatcher needs MaxItemsPerBatch(Path) or MaxInputBytesPerBatch(Path)", at);
        }

        return batcher;
    }

    private ItemBatcher JsonataItemBatcher(JsonObject node, string at)
    {
        CheckFields(node, at, ["MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput"]);
        var (maxItems, maxItemsTemplate) = IntegerOrExpression(node, "MaxItemsPerBatch", at, 1);
        var (maxBytes, maxBytesTemplate) = IntegerOrExpression(node, "MaxInputBytesPerBatch", at, 1, States.ItemBatcher.MaxBytes);
        if (!node.ContainsKey("MaxItemsPerBatch") && !node.ContainsKey("MaxInputBytesPerBatch"))
        {
            Error(Schema, "An ItemBatcher needs MaxItemsPerBatch or MaxInputBytesPerBatch", at);
        }

        return new ItemBatcher(maxItems, null, maxBytes, null, null)
        {
            MaxItemsPerBatchTemplate = maxItemsTemplate,
            MaxInputBytesPerBatchTemplate = maxBytesTemplate,
            JsonataBatchInput = JsonataField(node, "BatchInput", at, objectOnly: true),
        };
    }

    private ResultWriter? ResultWriter(JsonObject node, string at)
    {
        CheckFields(node, at, ["Resource", Jsonata ? "Arguments" : "Parameters"]);
        var resource = RequiredString(node, "Resource", at);
        if (resource is not (null or States.ResultWriter.PutObject))
        {
            Error(Schema, $"The ResultWriter Resource must be {States.ResultWriter.PutObject}, got '{resource}'", $"{at}/Resource");
        }

        var parameters = Jsonata ? null : Template(node, "Parameters", at, objectOnly: true);
        return resource is null ? null : new ResultWriter(resource, parameters) { Arguments = Jsonata ? JsonataField(node, "Arguments", at) : null };
    }

    /// <summary>An optional string field that must be one of <paramref name="allowed"/>.</summary>
    private string? OneOf(JsonObject node, string field, string at, params string[] allowed)
    {
        var value = OptionalString(node, field, at);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            Error(Schema, $"The field '{field}' must be one of {string.Join(", ", allowed)}, got '{value}'", $"{at}/{field}");
            return null;
        }

        return value;
    }

    private void Exclusive(JsonObject node, string at, string literal, string path)
    {
        if (node.ContainsKey(literal) && node.ContainsKey(path))
        {
            Error(Schema, $"{literal} and {path} are exclusive", at);
        }
    }
}
