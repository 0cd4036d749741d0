using System.Text.Json.Nodes;
using BatchKit.Emulator.Services.DynamoDb.Expressions;

namespace BatchKit.Emulator.Services.DynamoDb;

/// <summary>
/// Query (one partition, in sort-key order) and Scan (every item, or one segment of a parallel scan), on the table or
/// a secondary index: Limit counts the items read before the filter, a page stops at 1 MB, and LastEvaluatedKey
/// resumes after the last item read. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html
/// </summary>
internal sealed partial class DynamoDbProvider
{
    private const int MaxPageBytes = 1024 * 1024;

    /// <summary>https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html</summary>
    public JsonObject Query(JsonObject request)
    {
        var table = Table(TableName(request));
        var (schema, index) = Source(table, request);
        var attributes = new ExpressionAttributes(request);
        RejectLegacy(request);
        var keyText = request["KeyConditionExpression"]?.GetValue<string>()
            ?? throw DynamoDbErrors.Validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        var keyCondition = ExpressionParser.ParseCondition(keyText, "KeyConditionExpression", attributes);
        var (filter, projection) = FilterAndProjection(request, attributes);
        attributes.RequireAllUsed();
        var partition = PartitionValue(keyCondition, schema);

        var items = table.Snapshot()
            .Where(i => schema.Covers(i) && AttributeValues.Equal(i[schema.PartitionKey] as JsonObject, partition)
                && ExpressionEvaluator.Evaluate(keyCondition, i))
            .Order(Comparer<JsonObject>.Create((a, b) => Order(a, b, schema, table.Key)))
            .ToList();
        if (request["ScanIndexForward"]?.GetValue<bool>() == false)
        {
            items.Reverse();
        }

        var forward = request["ScanIndexForward"]?.GetValue<bool>() != false;
        if (request["ExclusiveStartKey"] is JsonObject start)
        {
            items = [.. items.SkipWhile(i => forward ? Order(i, start, schema, table.Key) <= 0 : Order(i, start, schema, table.Key) >= 0)];
        }

        return Page(request, table, schema, index, items, filter, projection);
    }

    /// <summary>https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html</summary>
    public JsonObject Scan(JsonObject request)
    {
        var table = Table(TableName(request));
        var (schema, index) = Source(table, request);
        var attributes = new ExpressionAttributes(request);
        RejectLegacy(request);
        var (filter, projection) = FilterAndProjection(request, attributes);
        attributes.RequireAllUsed();
        var total = request["TotalSegments"]?.GetValue<int>() ?? 1;
        var segment = request["Segment"]?.GetValue<int>() ?? 0;
        if (total is < 1 or > 1000000 || segment < 0 || segment >= total)
        {
            throw DynamoDbErrors.Validation($"The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: {segment} is not " +
                $"less than TotalSegments: {total}");
        }

        var items = table.Snapshot()
            .Where(i => schema.Covers(i) && (uint)StringComparer.Ordinal.GetHashCode(table.Key.Identity(table.Key.KeyOf(i,
                exact: false))) % (uint)total == segment)
            .OrderBy(i => table.Key.Identity(table.Key.KeyOf(i, exact: false)), StringComparer.Ordinal)
            .ToList();
        if (request["ExclusiveStartKey"] is JsonObject start)
        {
            var after = table.Key.Identity(table.Key.KeyOf(start, exact: false));
            items = [.. items.Where(i => string.CompareOrdinal(table.Key.Identity(table.Key.KeyOf(i, exact: false)), after) > 0)];
        }

        return Page(request, table, schema, index, items, filter, projection);
    }

    private static (Condition? Filter, List<DocumentPath>? Projection) FilterAndProjection(JsonObject request, ExpressionAttributes attributes)
    {
        var filter = request["FilterExpression"]?.GetValue<string>() is { } f ? ExpressionParser.ParseCondition(f, "FilterExpression", attributes) : null;
        var projection = request["ProjectionExpression"]?.GetValue<string>() is { } p ? ExpressionParser.ParseProjection(p, attributes) : null;
        return (filter, projection);
    }

    private static (KeySchema Schema, JsonObject? Index) Source(DynamoDbTable table, JsonObject request)
    {
        if (request["IndexName"]?.GetValue<string>() is not { } name)
        {
            return (table.Key, null);
        }

        return table.Indexes.TryGetValue(name, out var index)
            ? (index.Key, index.Description)
            : throw DynamoDbErrors.Validation($"The table does not have the specified index: {name}");
    }

    /// <summary>The value of <c>partition = :v</c>, which a key condition must hold (ANDed with at most one sort-key condition).</summary>
    private static JsonObject PartitionValue(Condition keyCondition, KeySchema schema)
    {
        var parts = keyCondition is AndCondition and ? new[] { and.Left, and.Right } : [keyCondition];
        JsonObject? partition = null;
        foreach (var part in parts)
        {
            if (part is ComparisonCondition { Left: PathOperand p, Right: ValueOperand v, Comparator: "=" } && Names(p, schema.PartitionKey))
            {
                partition = v.Value;
                continue;
            }

            var onSortKey = part switch
            {
                ComparisonCondition { Left: PathOperand sk, Right: ValueOperand, Comparator: not "<>" } => Names(sk, schema.SortKey),
                BetweenCondition { Value: PathOperand sk, Low: ValueOperand, High: ValueOperand } => Names(sk, schema.SortKey),
                FunctionCondition { Name: "begins_with", Arguments: [PathOperand sk, ValueOperand] } => Names(sk, schema.SortKey),
                _ => false,
            };
            if (!onSortKey)
            {
                throw DynamoDbErrors.Validation("Query key condition not supported");
            }
        }

        return partition ?? throw DynamoDbErrors.Validation($"Query condition missed key schema element: {schema.PartitionKey}");
    }

    private static bool Names(PathOperand path, string? attribute) => path.Path.Attribute == attribute && path.Path.Elements.Count == 1;

    /// <summary>Sort-key order within a partition, then the table key (an index may hold several items with one index key).</summary>
    private static int Order(JsonObject a, JsonObject b, KeySchema schema, KeySchema tableKey)
    {
        if (schema.SortKey is { } sort && a[sort] is JsonObject x && b[sort] is JsonObject y && AttributeValues.Compare(x, y) is { } order && order != 0)
        {
            return order;
        }

        return tableKey.Covers(b) ? string.CompareOrdinal(tableKey.Identity(tableKey.KeyOf(a, exact: false)), tableKey.Identity(tableKey.KeyOf(b,
            exact: false))) : 0;
    }

    private static JsonObject Page(JsonObject request, DynamoDbTable table, KeySchema schema, JsonObject? index, List<JsonObject> items, Condition? filter,
        List<DocumentPath>? projection)
    {
        var limit = request["Limit"]?.GetValue<int>() ?? int.MaxValue;
        if (limit < 1)
        {
            throw DynamoDbErrors.Validation("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater " +
                "than or equal to 1");
        }

        var select = request["Select"]?.GetValue<string>() ?? (projection is null ? "ALL_ATTRIBUTES" : "SPECIFIC_ATTRIBUTES");
        var (read, bytes, matched) = (0, 0, new List<JsonObject>());
        foreach (var item in items)
        {
            if (read == limit || bytes > MaxPageBytes)
            {
                break;
            }

            read++;
            bytes += AttributeValues.Size(item);
            if (filter is null || ExpressionEvaluator.Evaluate(filter, item))
            {
                matched.Add(item);
            }
        }

        var response = new JsonObject { ["Count"] = matched.Count, ["ScannedCount"] = read };
        if (select != "COUNT")
        {
            response["Items"] = new JsonArray([.. matched.Select(i => (JsonNode)Projection.Apply(IndexProjection(i, table.Key, schema, index), projection))]);
        }

        // DynamoDB answers a LastEvaluatedKey whenever a page stops at Limit, even when nothing follows (the next page is then empty).
        if (read > 0 && (read < items.Count || read == limit))
        {
            var last = items[read - 1];
            var key = table.Key.KeyOf(last, exact: false);
            foreach (var attribute in schema.Attributes)
            {
                key[attribute] = last[attribute]!.DeepClone();
            }

            response["LastEvaluatedKey"] = key;
        }

        return response;
    }

    /// <summary>What an index holds of an item: everything (ALL), its keys (KEYS_ONLY), or its keys and the named attributes (INCLUDE).</summary>
    private static JsonObject IndexProjection(JsonObject item, KeySchema tableKey, KeySchema schema, JsonObject? index)
    {
        var projection = index?["Projection"];
        var type = projection?["ProjectionType"]?.GetValue<string>() ?? "ALL";
        if (type == "ALL")
        {
            return item;
        }

        var kept = tableKey.Attributes.Concat(schema.Attributes).ToHashSet(StringComparer.Ordinal);
        kept.UnionWith((projection?["NonKeyAttributes"] as JsonArray ?? []).Select(a => a!.GetValue<string>()));
        return new JsonObject(item.Where(p => kept.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
    }
}
