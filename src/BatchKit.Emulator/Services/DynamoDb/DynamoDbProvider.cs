using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchKit.Emulator.Protocol;

namespace BatchKit.Emulator.Services.DynamoDb;

/// <summary>
/// Amazon DynamoDB (JSON 1.0, <c>DynamoDB_20120810</c>): tables with secondary indexes, items with condition, update
/// and projection expressions, Query and Scan with pages, batches; durable in the data directory. Tables are ACTIVE at
/// once. One method per operation. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html
/// </summary>
internal sealed partial class DynamoDbProvider : IJsonService
{
    private readonly DynamoDbStore _store;
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Func<JsonObject, JsonObject>> _operations;

    public DynamoDbProvider(EmulatorOptions options, TimeProvider time)
    {
        (_options, _time) = (options, time);
        _store = new DynamoDbStore(options, Open);
        _operations = new(StringComparer.Ordinal)
        {
            ["CreateTable"] = CreateTable,
            ["DescribeTable"] = DescribeTable,
            ["ListTables"] = ListTables,
            ["DeleteTable"] = DeleteTable,
            ["DescribeTimeToLive"] = DescribeTimeToLive,
            ["UpdateTimeToLive"] = UpdateTimeToLive,
            ["PutItem"] = PutItem,
            ["GetItem"] = GetItem,
            ["UpdateItem"] = UpdateItem,
            ["DeleteItem"] = DeleteItem,
            ["Query"] = Query,
            ["Scan"] = Scan,
            ["BatchWriteItem"] = BatchWriteItem,
            ["BatchGetItem"] = BatchGetItem,
        };
    }

    public string TargetPrefix => "DynamoDB_20120810";

    public string ContentType => "application/x-amz-json-1.0";

    public string SigningName => "dynamodb";

    public string ModelName => "dynamodb";

    public long MaxRequestBytes => 16 << 20;

    public IReadOnlyCollection<string> Operations => _operations.Keys;

    public Task<JsonNode?> InvokeAsync(string operation, JsonObject request, CancellationToken cancellationToken) =>
        Task.FromResult<JsonNode?>(_operations.TryGetValue(operation, out var run)
            ? run(request)
            : throw new ServiceErrorException("UnknownOperationException", $"The operation {operation} is not supported by BatchKit's DynamoDB emulation."));

    /// <summary>https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html</summary>
    public JsonObject CreateTable(JsonObject request)
    {
        var name = TableName(request);
        var definitions = request["AttributeDefinitions"] as JsonArray ?? throw DynamoDbErrors.Validation("AttributeDefinitions is required");
        var key = KeySchema.Parse(request["KeySchema"] as JsonArray, definitions, "Table");
        var description = new JsonObject
        {
            ["TableName"] = name,
            ["TableArn"] = $"arn:aws:dynamodb:{_options.Region}:{_options.AccountId}:table/{name}",
            ["TableId"] = Guid.NewGuid().ToString(),
            ["TableStatus"] = "ACTIVE",
            ["CreationDateTime"] = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0,
            ["KeySchema"] = request["KeySchema"]!.DeepClone(),
            ["AttributeDefinitions"] = definitions.DeepClone(),
            ["ProvisionedThroughput"] = Throughput(request),
            ["BillingModeSummary"] = new JsonObject { ["BillingMode"] = request["BillingMode"]?.GetValue<string>() ?? "PROVISIONED" },
            ["DeletionProtectionEnabled"] = request["DeletionProtectionEnabled"]?.GetValue<bool>() ?? false,
        };
        foreach (var kind in new[] { "GlobalSecondaryIndexes", "LocalSecondaryIndexes" })
        {
            if (request[kind] is JsonArray indexes)
            {
                description[kind] = new JsonArray([.. indexes.Select(i => (JsonNode)Index(name, i!.AsObject(), definitions, key, kind))]);
            }
        }

        var used = new HashSet<string>(key.Attributes, StringComparer.Ordinal);
        used.UnionWith(Open(description).Indexes.Values.SelectMany(i => i.Key.Attributes));
        if (definitions.Count != used.Count)
        {
            throw DynamoDbErrors.InvalidParameter("Number of attributes in KeySchema does not exactly match number of attributes defined in " +
                "AttributeDefinitions");
        }

        if (!_store.Add(Open(description)))
        {
            throw DynamoDbErrors.ResourceInUse(name);
        }

        return new JsonObject { ["TableDescription"] = Describe(Table(name)) };
    }

    public JsonObject DescribeTable(JsonObject request) => new() { ["Table"] = Describe(Table(TableName(request))) };

    /// <summary>Names in order, up to Limit (100), from after ExclusiveStartTableName.</summary>
    public JsonObject ListTables(JsonObject request)
    {
        var limit = Math.Clamp(request["Limit"]?.GetValue<int>() ?? 100, 1, 100);
        var after = request["ExclusiveStartTableName"]?.GetValue<string>();
        var names = _store.TableNames.Where(n => after is null || string.CompareOrdinal(n, after) > 0).ToList();
        var response = new JsonObject { ["TableNames"] = new JsonArray([.. names.Take(limit).Select(n => (JsonNode)n)]) };
        if (names.Count > limit)
        {
            response["LastEvaluatedTableName"] = names[limit - 1];
        }

        return response;
    }

    public JsonObject DeleteTable(JsonObject request)
    {
        var table = Table(TableName(request));
        if (table.Description["DeletionProtectionEnabled"]?.GetValue<bool>() == true)
        {
            throw DynamoDbErrors.Validation($"Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
        }

        var described = Describe(table);
        _store.Remove(table.Name);
        described["TableStatus"] = "DELETING";
        return new JsonObject { ["TableDescription"] = described };
    }

    /// <summary>The setting is kept and reported; items are not expired (a local run is short).</summary>
    public JsonObject UpdateTimeToLive(JsonObject request)
    {
        var table = Table(TableName(request));
        var specification = request["TimeToLiveSpecification"] as JsonObject ?? throw DynamoDbErrors.Validation("TimeToLiveSpecification is required");
        lock (table.Sync)
        {
            table.Description["TimeToLive"] = specification.DeepClone();
        }

        return new JsonObject { ["TimeToLiveSpecification"] = specification.DeepClone() };
    }

    public JsonObject DescribeTimeToLive(JsonObject request)
    {
        var table = Table(TableName(request));
        var ttl = table.Description["TimeToLive"] as JsonObject;
        return new JsonObject
        {
            ["TimeToLiveDescription"] = ttl?["Enabled"]?.GetValue<bool>() == true
                ? new JsonObject { ["TimeToLiveStatus"] = "ENABLED", ["AttributeName"] = ttl["AttributeName"]!.DeepClone() }
                : new JsonObject { ["TimeToLiveStatus"] = "DISABLED" },
        };
    }

    private DynamoDbTable Table(string name) => _store.Find(name) ?? throw DynamoDbErrors.ResourceNotFound(name);

    private static string TableName(JsonObject request)
    {
        var name = request["TableName"]?.GetValue<string>()
            ?? throw DynamoDbErrors.Validation("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
        if (name.StartsWith("arn:", StringComparison.Ordinal) && name.Contains(":table/", StringComparison.Ordinal))
        {
            name = name[(name.IndexOf(":table/", StringComparison.Ordinal) + 7)..];
        }

        return TableNamePattern().IsMatch(name)
            ? name
            : throw DynamoDbErrors.Validation($"1 validation error detected: Value '{name}' at 'tableName' failed to satisfy constraint: Member must " +
                $"satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and have length 3-255");
    }

    private static DynamoDbTable Open(JsonObject description)
    {
        var definitions = description["AttributeDefinitions"] as JsonArray;
        var key = KeySchema.Parse(description["KeySchema"] as JsonArray, definitions, "Table");
        var indexes = new Dictionary<string, (KeySchema, JsonObject)>(StringComparer.Ordinal);
        foreach (var index in (description["GlobalSecondaryIndexes"] as JsonArray ?? []).Concat(description["LocalSecondaryIndexes"] as JsonArray ?? []))
        {
            indexes[index!["IndexName"]!.GetValue<string>()] = (KeySchema.Parse(index["KeySchema"] as JsonArray, definitions, "Index"), index.AsObject());
        }

        return new DynamoDbTable(description["TableName"]!.GetValue<string>(), description, key, indexes);
    }

    private JsonObject Index(string table, JsonObject index, JsonArray definitions, KeySchema tableKey, string kind)
    {
        var name = index["IndexName"]?.GetValue<string>() ?? throw DynamoDbErrors.Validation("IndexName is required");
        var key = KeySchema.Parse(index["KeySchema"] as JsonArray, definitions, "Index " + name);
        if (kind == "LocalSecondaryIndexes" && key.PartitionKey != tableKey.PartitionKey)
        {
            throw DynamoDbErrors.InvalidParameter($"Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex, or " +
                $"the index {name} has another hash key");
        }

        var described = new JsonObject
        {
            ["IndexName"] = name,
            ["KeySchema"] = index["KeySchema"]!.DeepClone(),
            ["Projection"] = index["Projection"]?.DeepClone() ?? new JsonObject { ["ProjectionType"] = "ALL" },
            ["IndexArn"] = $"arn:aws:dynamodb:{_options.Region}:{_options.AccountId}:table/{table}/index/{name}",
        };
        if (kind == "GlobalSecondaryIndexes")
        {
            described["IndexStatus"] = "ACTIVE";
            described["ProvisionedThroughput"] = Throughput(index);
        }

        return described;
    }

    private static JsonObject Throughput(JsonObject request) => new()
    {
        ["ReadCapacityUnits"] = request["ProvisionedThroughput"]?["ReadCapacityUnits"]?.GetValue<long>() ?? 0,
        ["WriteCapacityUnits"] = request["ProvisionedThroughput"]?["WriteCapacityUnits"]?.GetValue<long>() ?? 0,
        ["NumberOfDecreasesToday"] = 0,
    };

    private static JsonObject Describe(DynamoDbTable table)
    {
        var items = table.Snapshot();
        var described = (JsonObject)table.Description.DeepClone();
        described["ItemCount"] = items.Count;
        described["TableSizeBytes"] = items.Sum(AttributeValues.Size);
        foreach (var kind in new[] { "GlobalSecondaryIndexes", "LocalSecondaryIndexes" })
        {
            foreach (var index in described[kind] as JsonArray ?? [])
            {
                var covered = items.Where(table.Indexes[index!["IndexName"]!.GetValue<string>()].Key.Covers).ToList();
                index["ItemCount"] = covered.Count;
                index["IndexSizeBytes"] = covered.Sum(AttributeValues.Size);
            }
        }

        described.Remove("TimeToLive");
        return described;
    }

    [GeneratedRegex("^[a-zA-Z0-9_.-]{3,255}$")]
    private static partial Regex TableNamePattern();
}
