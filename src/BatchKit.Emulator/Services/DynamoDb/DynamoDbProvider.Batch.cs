using System.Text.Json.Nodes;
using BatchKit.Emulator.Services.DynamoDb.Expressions;

namespace BatchKit.Emulator.Services.DynamoDb;

/// <summary>
/// BatchWriteItem (up to 25 puts and deletes, each table's made durable together) and BatchGetItem (up to 100 keys).
/// Nothing is left unprocessed: the emulator has no throughput to exceed.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
/// </summary>
internal sealed partial class DynamoDbProvider
{
    public JsonObject BatchWriteItem(JsonObject request)
    {
        var requests = request["RequestItems"] as JsonObject ?? throw DynamoDbErrors.Validation("RequestItems is required");
        var count = requests.Sum(t => (t.Value as JsonArray)?.Count ?? 0);
        if (count is 0 or > 25)
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy " +
                $"constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
        }

        // Every write is checked before any table changes: a bad entry fails the whole batch, as on AWS.
        var plan = requests.Select(t => (Table: Table(t.Key), Writes: Writes(Table(t.Key), t.Value as JsonArray ?? []))).ToList();
        foreach (var (table, writes) in plan)
        {
            lock (table.Sync)
            {
                _store.Write(table, writes);
            }
        }

        return new JsonObject { ["UnprocessedItems"] = new JsonObject() };
    }

    public JsonObject BatchGetItem(JsonObject request)
    {
        var requests = request["RequestItems"] as JsonObject ?? throw DynamoDbErrors.Validation("RequestItems is required");
        if (requests.Sum(t => (t.Value?["Keys"] as JsonArray)?.Count ?? 0) is 0 or > 100)
        {
            throw DynamoDbErrors.Validation("Too many items requested for the BatchGetItem call: between 1 and 100 keys are allowed");
        }

        var responses = new JsonObject();
        foreach (var (name, spec) in requests)
        {
            var table = Table(name);
            var attributes = new ExpressionAttributes(spec!.AsObject());
            var projection = spec["ProjectionExpression"]?.GetValue<string>() is { } text ? ExpressionParser.ParseProjection(text, attributes) : null;
            attributes.RequireAllUsed();
            var keys = (spec["Keys"] as JsonArray ?? []).Select(k => table.Key.KeyOf(k!.AsObject(), exact: true)).ToList();
            if (keys.Select(table.Key.Identity).Distinct(StringComparer.Ordinal).Count() != keys.Count)
            {
                throw DynamoDbErrors.Validation("Provided list of item keys contains duplicates");
            }

            lock (table.Sync)
            {
                responses[name] = new JsonArray([.. keys.Select(table.Find).OfType<JsonObject>().Select(i => (JsonNode)Projection.Apply(i, projection))]);
            }
        }

        return new JsonObject { ["Responses"] = responses, ["UnprocessedKeys"] = new JsonObject() };
    }

    private static List<(JsonObject Key, JsonObject? Item)> Writes(DynamoDbTable table, JsonArray entries)
    {
        var writes = new List<(JsonObject Key, JsonObject? Item)>();
        foreach (var entry in entries)
        {
            if (entry?["PutRequest"]?["Item"] is JsonObject put)
            {
                var item = Item(put, table);
                writes.Add((table.Key.KeyOf(item, exact: false), item));
            }
            else if (entry?["DeleteRequest"]?["Key"] is JsonObject delete)
            {
                writes.Add((table.Key.KeyOf(delete, exact: true), null));
            }
            else
            {
                throw DynamoDbErrors.Validation("Supplied AttributeValue has neither PutRequest nor DeleteRequest; each WriteRequest must have exactly one");
            }
        }

        return writes.Select(w => table.Key.Identity(w.Key)).Distinct(StringComparer.Ordinal).Count() == writes.Count
            ? writes
            : throw DynamoDbErrors.Validation("Provided list of item keys contains duplicates");
    }
}
