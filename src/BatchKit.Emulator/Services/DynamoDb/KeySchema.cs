using System.Text.Json.Nodes;

namespace BatchKit.Emulator.Services.DynamoDb;

/// <summary>
/// A table's or an index's key: the partition (HASH) attribute, the optional sort (RANGE) attribute, and their types
/// (S, N or B) from the AttributeDefinitions.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.CoreComponents.html#HowItWorks.CoreComponents.PrimaryKey
/// </summary>
internal sealed record KeySchema(string PartitionKey, string PartitionType, string? SortKey, string? SortType)
{
    public IReadOnlyList<string> Attributes => SortKey is null ? [PartitionKey] : [PartitionKey, SortKey];

    public static KeySchema Parse(JsonArray? schema, JsonArray? definitions, string where)
    {
        var elements = (schema ?? throw DynamoDbErrors.Validation($"{where}: KeySchema is required")).Select(e => e!.AsObject()).ToList();
        var hash = elements.Where(e => e["KeyType"]?.GetValue<string>() == "HASH").Select(e => e["AttributeName"]!.GetValue<string>()).ToList();
        var range = elements.Where(e => e["KeyType"]?.GetValue<string>() == "RANGE").Select(e => e["AttributeName"]!.GetValue<string>()).ToList();
        if (hash.Count != 1 || range.Count > 1 || elements.Count != hash.Count + range.Count)
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: {where} KeySchema must have exactly one HASH key and at most one RANGE key");
        }

        return new KeySchema(hash[0], Type(hash[0], definitions), range.FirstOrDefault(), range.Count == 0 ? null : Type(range[0], definitions));
    }

    /// <summary>The key attributes of an item (or a key), checked against the schema; throws the error DynamoDB gives.</summary>
    public JsonObject KeyOf(JsonObject item, bool exact)
    {
        if (exact && item.Count != Attributes.Count)
        {
            throw DynamoDbErrors.KeySchemaMismatch();
        }

        var key = new JsonObject();
        foreach (var (name, type) in Attributes.Zip(SortKey is null ? [PartitionType] : new[] { PartitionType, SortType! }))
        {
            if (item[name] is not JsonObject value)
            {
                throw exact ? DynamoDbErrors.KeySchemaMismatch() : DynamoDbErrors.InvalidParameter($"Missing the key {name} in the item");
            }

            var actual = AttributeValues.TypeOf(value);
            if (actual != type)
            {
                throw exact ? DynamoDbErrors.KeySchemaMismatch()
                    : DynamoDbErrors.InvalidParameter($"Type mismatch for key {name} expected: {type} actual: {actual}");
            }

            if (type is "S" or "B" && value[type]!.GetValue<string>().Length == 0)
            {
                throw DynamoDbErrors.InvalidParameter($"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain " +
                    $"an empty string value. Key: {name}");
            }

            key[name] = type == "N" ? new JsonObject { ["N"] = AttributeValues.Normalize(value["N"]!.GetValue<string>()) } : value.DeepClone();
        }

        return key;
    }

    /// <summary>True when the item has every key attribute of this schema with its type (an index holds only such items).</summary>
    public bool Covers(JsonObject item) =>
        item[PartitionKey] is JsonObject p && AttributeValues.TypeOf(p) == PartitionType
        && (SortKey is null || (item[SortKey] is JsonObject s && AttributeValues.TypeOf(s) == SortType));

    /// <summary>A string that identifies a key (its values in schema order, whatever the order of the JSON members), for the item index.</summary>
    public string Identity(JsonObject key) => string.Join('\u0001', Attributes.Select(a => key[a]?.ToJsonString()));

    private static string Type(string attribute, JsonArray? definitions) =>
        definitions?.FirstOrDefault(d => d?["AttributeName"]?.GetValue<string>() == attribute)?["AttributeType"]?.GetValue<string>()
            ?? throw DynamoDbErrors.InvalidParameter($"Some index key attributes are not defined in AttributeDefinitions. Keys: [{attribute}]");
}
