using System.Text.Json.Nodes;
using BatchKit.Emulator.Services.DynamoDb.Expressions;

namespace BatchKit.Emulator.Services.DynamoDb;

/// <summary>
/// Single-item operations. A ConditionExpression is checked and the write made under the table's lock, so two
/// conditional writes to one item never both succeed. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
/// </summary>
internal sealed partial class DynamoDbProvider
{
    private const int MaxItemBytes = 400 * 1024;
    private static readonly string[] LegacyParameters = ["Expected", "AttributeUpdates", "ConditionalOperator", "AttributesToGet", "KeyConditions",
        "QueryFilter", "ScanFilter"];

    /// <summary>https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html</summary>
    public JsonObject PutItem(JsonObject request)
    {
        var table = Table(TableName(request));
        var item = Item(request["Item"], table);
        var condition = Prepare(request, out _);
        var returnValues = ReturnValues(request, "NONE", "ALL_OLD");
        JsonObject? old;
        lock (table.Sync)
        {
            old = table.Find(table.Key.KeyOf(item, exact: false));
            Check(condition, old);
            _store.Write(table, [(table.Key.KeyOf(item, exact: false), item)]);
        }

        return Answer(request, table, returnValues == "ALL_OLD" ? old : null);
    }

    public JsonObject GetItem(JsonObject request)
    {
        var table = Table(TableName(request));
        var key = table.Key.KeyOf(request["Key"] as JsonObject ?? throw DynamoDbErrors.Validation("Key is required"), exact: true);
        var attributes = new ExpressionAttributes(request);
        var projection = request["ProjectionExpression"]?.GetValue<string>() is { } text ? ExpressionParser.ParseProjection(text, attributes) : null;
        RejectLegacy(request);
        attributes.RequireAllUsed();
        JsonObject? item;
        lock (table.Sync)
        {
            item = table.Find(key);
        }

        return Answer(request, table, item is null ? null : Projection.Apply(item, projection), "Item");
    }

    /// <summary>Creates the item when it does not exist, as DynamoDB does.
    /// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html</summary>
    public JsonObject UpdateItem(JsonObject request)
    {
        var table = Table(TableName(request));
        var key = table.Key.KeyOf(request["Key"] as JsonObject ?? throw DynamoDbErrors.Validation("Key is required"), exact: true);
        var condition = Prepare(request, out var actions);
        var returnValues = ReturnValues(request, "NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
        JsonObject? old;
        JsonObject updated;
        lock (table.Sync)
        {
            old = table.Find(key);
            Check(condition, old);
            var start = old ?? (JsonObject)key.DeepClone();
            updated = actions is null ? start : UpdateApplier.Apply(start, actions, table.Key.Attributes);
            CheckSize(updated);
            _store.Write(table, [(key, updated)]);
        }

        var touched = actions is null ? [] : UpdateApplier.Touched(actions);
        return Answer(request, table, returnValues switch
        {
            "ALL_OLD" => old,
            "ALL_NEW" => updated,
            "UPDATED_OLD" => old is null ? null : Only(old, touched),
            "UPDATED_NEW" => Only(updated, touched),
            _ => null,
        });
    }

    public JsonObject DeleteItem(JsonObject request)
    {
        var table = Table(TableName(request));
        var key = table.Key.KeyOf(request["Key"] as JsonObject ?? throw DynamoDbErrors.Validation("Key is required"), exact: true);
        var condition = Prepare(request, out _);
        var returnValues = ReturnValues(request, "NONE", "ALL_OLD");
        JsonObject? old;
        lock (table.Sync)
        {
            old = table.Find(key);
            Check(condition, old);
            if (old is not null)
            {
                _store.Write(table, [(key, null)]);
            }
        }

        return Answer(request, table, returnValues == "ALL_OLD" ? old : null);
    }

    /// <summary>Parses the request's condition (and update) expression; every placeholder must be defined and used.</summary>
    private static Condition? Prepare(JsonObject request, out List<UpdateAction>? actions)
    {
        RejectLegacy(request);
        var attributes = new ExpressionAttributes(request);
        actions = request["UpdateExpression"]?.GetValue<string>() is { } update ? ExpressionParser.ParseUpdate(update, attributes) : null;
        var condition = request["ConditionExpression"]?.GetValue<string>() is { } text ? ExpressionParser.ParseCondition(text, "ConditionExpression",
            attributes) : null;
        attributes.RequireAllUsed();
        return condition;
    }

    private static void Check(Condition? condition, JsonObject? item)
    {
        if (condition is not null && !ExpressionEvaluator.Evaluate(condition, item))
        {
            throw DynamoDbErrors.ConditionalCheckFailed();
        }
    }

    /// <summary>An item to store: every value checked, numbers normalized, key present, within 400 KB.</summary>
    private static JsonObject Item(JsonNode? node, DynamoDbTable table)
    {
        var item = node as JsonObject
            ?? throw DynamoDbErrors.Validation("1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null");
        foreach (var (name, value) in item)
        {
            AttributeValues.Check(value as JsonObject ?? throw DynamoDbErrors.InvalidParameter($"the value of {name} is not an AttributeValue"), name);
        }

        table.Key.KeyOf(item, exact: false);
        foreach (var (_, index) in table.Indexes)
        {
            foreach (var attribute in index.Key.Attributes)
            {
                var expected = attribute == index.Key.PartitionKey ? index.Key.PartitionType : index.Key.SortType;
                if (item[attribute] is JsonObject value && AttributeValues.TypeOf(value) != expected)
                {
                    throw DynamoDbErrors.InvalidParameter(
                        $"Type mismatch for Index Key {attribute} Expected: {expected} Actual: {AttributeValues.TypeOf(value)} IndexName: "
                        + $"{index.Description["IndexName"]}");
                }
            }
        }

        var stored = (JsonObject)item.DeepClone();
        CheckSize(stored);
        return stored;
    }

    private static void CheckSize(JsonObject item)
    {
        if (AttributeValues.Size(item) > MaxItemBytes)
        {
            throw DynamoDbErrors.ItemTooLarge();
        }
    }

    private static void RejectLegacy(JsonObject request)
    {
        if (LegacyParameters.FirstOrDefault(p => request[p] is not null) is { } legacy)
        {
            throw DynamoDbErrors.Validation($"BatchKit's DynamoDB emulation takes expressions; the legacy parameter {legacy} is not emulated (use the " +
                $"matching *Expression).");
        }
    }

    private static string ReturnValues(JsonObject request, params string[] allowed)
    {
        var value = request["ReturnValues"]?.GetValue<string>() ?? "NONE";
        return allowed.Contains(value) ? value
            : throw DynamoDbErrors.Validation($"ReturnValues can only be {string.Join(", ", allowed)} for this operation; got {value}");
    }

    private static JsonObject Only(JsonObject item, HashSet<string> attributes) =>
        new(item.Where(p => attributes.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

    /// <summary>The answer with Attributes (or Item) when there are any, and ConsumedCapacity when asked for.</summary>
    private static JsonObject Answer(JsonObject request, DynamoDbTable table, JsonObject? attributes, string member = "Attributes")
    {
        var response = new JsonObject();
        if (attributes is { Count: > 0 } || (member == "Item" && attributes is not null))
        {
            response[member] = attributes.DeepClone();
        }

        if (request["ReturnConsumedCapacity"]?.GetValue<string>() is "TOTAL" or "INDEXES")
        {
            response["ConsumedCapacity"] = new JsonObject { ["TableName"] = table.Name, ["CapacityUnits"] = 1.0 };
        }

        return response;
    }
}
